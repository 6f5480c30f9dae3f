/* trap — always traps (wasm `unreachable`): shows that a trap is a deterministic, agreed result. */
#include "abi.h"

EXPORT("run") uint64_t run(const uint8_t *in, uint32_t len) {
    (void)in; (void)len;
    __builtin_trap();
}
