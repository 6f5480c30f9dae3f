/* stream.c - a memory-streaming aggregation: sequential passes over an array far larger than the caches.
 *
 * Input  (20 bytes): "STRM" | u32 n | u32 passes | u64 seed   (1 <= n <= 2^24, 1 <= passes <= 64)
 * Fills n u64 values from splitmix64(seed), then makes `passes` passes; pass p reads every value v,
 * folds it into the statistics below and writes back v * 0x9E3779B97F4A7C15 + p (so each pass streams
 * reads and writes through all of it).
 * Output (32 bytes), over every value read in every pass: u64 sum (mod 2^64) | u64 min | u64 max |
 *                    u64 FNV-1a-64 of the 256 counts (u64 each, in order) of the values' top bytes.
 * Bad input answers "ERR!" + code 1 (magic or length) or 2 (a parameter out of range).
 */
#include "abi.h"

NOINLINE static void fill(uint64_t *a, uint32_t n, uint64_t seed) {
    for (uint32_t i = 0; i < n; i++) a[i] = splitmix64(&seed);
}

NOINLINE static void pass(uint64_t *a, uint32_t n, uint64_t p, uint64_t stats[3], uint64_t counts[256]) {
    uint64_t sum = stats[0], lo = stats[1], hi = stats[2];
    for (uint32_t i = 0; i < n; i++) {
        uint64_t v = a[i];
        sum += v;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        counts[v >> 56]++;
        a[i] = v * 0x9E3779B97F4A7C15ull + p;
    }
    stats[0] = sum; stats[1] = lo; stats[2] = hi;
}

uint64_t run(const uint8_t *in, uint32_t len) {
    if (len != 20 || !magic_ok(in, len, "STRM")) return abi_error(1);
    uint32_t n = rd32(in + 4), passes = rd32(in + 8);
    uint64_t seed = rd64(in + 12);
    if (n == 0 || n > (1u << 24) || passes == 0 || passes > 64) return abi_error(2);
    uint64_t *a = alloc(n * 8u);
    uint64_t *counts = alloc(256 * 8);
    for (int i = 0; i < 256; i++) counts[i] = 0;
    uint64_t stats[3] = {0, ~0ull, 0};
    fill(a, n, seed);
    for (uint32_t p = 0; p < passes; p++) pass(a, n, p, stats, counts);
    uint64_t h = FNV64_OFFSET;
    for (int i = 0; i < 256; i++) h = fnv1a64_u64(h, counts[i]);
    uint8_t *out = alloc(32);
    wr64(out, stats[0]);
    wr64(out + 8, stats[1]);
    wr64(out + 16, stats[2]);
    wr64(out + 24, h);
    return abi_pack_out(out, 32);
}
