/* sum — adds up little-endian u32 values. input: n × u32; output: u64 sum (8 bytes).
 * error "ERR!" 1 when the input length is not a multiple of 4. */
#include "abi.h"

EXPORT("run") uint64_t run(const uint8_t *in, uint32_t len) {
    if (len % 4 != 0) return error_output(1);
    uint64_t sum = 0;
    for (uint32_t i = 0; i < len; i += 4) sum += read_u32(in + i);
    uint8_t *out = alloc(8);
    write_u64(out, sum);
    return output(out, 8);
}
