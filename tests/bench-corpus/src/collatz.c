/* collatz.c - a branchy integer workload: data-dependent branches the predictor cannot learn.
 *
 * Input  (12 bytes): "COLZ" | u32 first | u32 count   (first >= 1, first + count < 2^31)
 * For every start value v in [first, first + count) it counts the Collatz steps to reach 1
 * (v even: v / 2, odd: 3v + 1, in 64-bit arithmetic).
 * Output (16 bytes): u32 the start value with the most steps (the first on ties) | u32 its steps |
 *                    u64 the sum of all steps.
 * Bad input answers "ERR!" + code 1 (magic or length) or 2 (a parameter out of range).
 * Known answer: below 1,000,000 the longest chain starts at 837799 (524 steps).
 */
#include "abi.h"

NOINLINE static uint32_t steps(uint64_t v) {
    uint32_t n = 0;
    while (v != 1) {
        if (v & 1) v = 3 * v + 1;
        else v >>= 1;
        n++;
    }
    return n;
}

uint64_t run(const uint8_t *in, uint32_t len) {
    if (len != 12 || !magic_ok(in, len, "COLZ")) return abi_error(1);
    uint32_t first = rd32(in + 4), count = rd32(in + 8);
    if (first == 0 || (uint64_t)first + count >= 0x80000000ull) return abi_error(2);
    uint32_t best = first, best_steps = 0;
    uint64_t total = 0;
    for (uint32_t v = first; v < first + count; v++) {
        uint32_t s = steps(v);
        total += s;
        if (s > best_steps) { best_steps = s; best = v; }
    }
    uint8_t *out = alloc(16);
    wr32(out, best);
    wr32(out + 4, best_steps);
    wr64(out + 8, total);
    return abi_pack_out(out, 16);
}
