/* aggregate — private aggregation: statistics over a list of signed 64-bit values (e.g. salaries in cents).
 *
 * input:  "AGG1", u32 count, count × i64 (little-endian)
 * output: "STA1", u64 count, i64 sum, i64 min, i64 max, f64 mean, f64 stddev (population)  — 52 bytes
 * errors: "ERR!" + u32 code: 1 bad magic or short header, 2 length does not match count, 3 no values,
 *         4 the sum overflows i64.
 * The mean and standard deviation are computed in a fixed order with plain IEEE-754 double arithmetic,
 * so any exact re-computation (the demo checks one in C#) gives the same bits.
 */
#include "abi.h"

EXPORT("run") uint64_t run(const uint8_t *in, uint32_t len) {
    if (len < 8 || in[0] != 'A' || in[1] != 'G' || in[2] != 'G' || in[3] != '1') return error_output(1);
    uint32_t count = read_u32(in + 4);
    if ((uint64_t)len != 8u + (uint64_t)count * 8u) return error_output(2);
    if (count == 0) return error_output(3);

    const uint8_t *values = in + 8;
    int64_t sum = 0, min = INT64_MAX, max = INT64_MIN;
    for (uint32_t i = 0; i < count; i++) {
        int64_t v = (int64_t)read_u64(values + 8u * i);
        if (__builtin_add_overflow(sum, v, &sum)) return error_output(4);
        if (v < min) min = v;
        if (v > max) max = v;
    }
    double mean = (double)sum / (double)count;
    double squares = 0.0;
    for (uint32_t i = 0; i < count; i++) {
        double d = (double)(int64_t)read_u64(values + 8u * i) - mean;
        squares += d * d;
    }
    double stddev = __builtin_sqrt(squares / (double)count);

    uint8_t *out = alloc(52);
    out[0] = 'S'; out[1] = 'T'; out[2] = 'A'; out[3] = '1';
    write_u64(out + 4, count);
    write_u64(out + 12, (uint64_t)sum);
    write_u64(out + 20, (uint64_t)min);
    write_u64(out + 28, (uint64_t)max);
    write_u64(out + 36, __builtin_bit_cast(uint64_t, mean));
    write_u64(out + 44, __builtin_bit_cast(uint64_t, stddev));
    return output(out, 52);
}
