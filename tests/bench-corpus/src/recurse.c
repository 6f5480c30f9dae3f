/* recurse.c - a recursion-heavy workload: call overhead, frames, returns.
 *
 * Input  (20 bytes): "RECU" | u32 fib_n | u32 tak_x | u32 tak_y | u32 tak_z   (fib_n <= 40, tak_* <= 40)
 * Output (12 bytes): u64 fib(fib_n) (naive doubly recursive) | u32 tak(x, y, z) (Takeuchi's function)
 * Bad input answers "ERR!" + code 1 (magic or length) or 2 (a parameter out of range).
 * Known answers: fib(25) = 75025, fib(32) = 2178309; tak(18, 12, 6) = 7, tak(24, 16, 8) = 9.
 */
#include "abi.h"

NOINLINE static uint64_t fib(uint32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

NOINLINE static int32_t tak(int32_t x, int32_t y, int32_t z) {
    if (y >= x) return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

uint64_t run(const uint8_t *in, uint32_t len) {
    if (len != 20 || !magic_ok(in, len, "RECU")) return abi_error(1);
    uint32_t n = rd32(in + 4), x = rd32(in + 8), y = rd32(in + 12), z = rd32(in + 16);
    if (n > 40 || x > 40 || y > 40 || z > 40) return abi_error(2);
    uint8_t *out = alloc(12);
    wr64(out, fib(n));
    wr32(out + 8, (uint32_t)tak((int32_t)x, (int32_t)y, (int32_t)z));
    return abi_pack_out(out, 12);
}
