/* abi.h — compute ABI v1 for Paraloom job programs (see DESIGN.md §2).
 *
 * A job module exports `memory`, `alloc(size) -> ptr` and `run(ptr, len) -> (out_ptr << 32) | out_len`,
 * and imports nothing: no libc, no WASI, no host functions.
 */
#ifndef PARALOOM_ABI_H
#define PARALOOM_ABI_H

#include <stdint.h>
#include <stddef.h>

#define EXPORT(name) __attribute__((export_name(name)))

extern unsigned char __heap_base; /* placed by wasm-ld after the data and the stack */
static uint32_t heap_top;

/* A bump allocator: a job runs once in a fresh instance, so nothing is ever freed. */
EXPORT("alloc") void *alloc(uint32_t size) {
    if (heap_top == 0)
        heap_top = ((uint32_t)(uintptr_t)&__heap_base + 15u) & ~15u;
    uint64_t start = heap_top;
    uint64_t end = (start + (uint64_t)size + 15u) & ~(uint64_t)15u;
    if (end > 0xFFFFFFF0ull) __builtin_trap();
    uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * 65536u;
    if (end > have && __builtin_wasm_memory_grow(0, (uint32_t)((end - have + 65535u) / 65536u)) == (size_t)-1)
        __builtin_trap(); /* over the job's memory limit: a deterministic trap */
    heap_top = (uint32_t)end;
    return (void *)(uintptr_t)start;
}

static inline uint64_t output(const void *ptr, uint32_t len) {
    return ((uint64_t)(uint32_t)(uintptr_t)ptr << 32) | len;
}

static inline uint32_t read_u32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t read_u64(const uint8_t *p) { return read_u32(p) | (uint64_t)read_u32(p + 4) << 32; }
static inline void write_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void write_u64(uint8_t *p, uint64_t v) { write_u32(p, (uint32_t)v); write_u32(p + 4, (uint32_t)(v >> 32)); }

/* An input the program cannot use: the output is "ERR!" and a code, an agreeable result like any other. */
static inline uint64_t error_output(uint32_t code) {
    uint8_t *out = alloc(8);
    out[0] = 'E'; out[1] = 'R'; out[2] = 'R'; out[3] = '!';
    write_u32(out + 4, code);
    return output(out, 8);
}

/* The compiler may emit calls to these even without libc. */
void *memcpy(void *dst, const void *src, size_t n) {
    uint8_t *d = dst; const uint8_t *s = src;
    while (n--) *d++ = *s++;
    return dst;
}
void *memset(void *dst, int c, size_t n) {
    uint8_t *d = dst;
    while (n--) *d++ = (uint8_t)c;
    return dst;
}

#endif
