#!/bin/sh
# Rebuilds the project corpus' .wasm modules from source and checks them against build/SHA256SUMS.
# Needs Debian's clang-14, lld-14 and wabt (apt-get install -y clang-14 lld-14 wabt).
# The flags are the shared bench corpus' own, so the programs of both corpora are built alike.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-14}
WASM_FLAGS="--target=wasm32 -O2 -ffreestanding -nostdlib -Wall -Wextra -Werror \
 -Wl,--no-entry -Wl,--export=alloc -Wl,--export=run -Wl,--stack-first -Wl,-z,stack-size=65536"
for p in recurse collatz stream; do
  $CC $WASM_FLAGS -o build/$p.wasm src/$p.c
  wasm-validate build/$p.wasm
done
(cd build && sha256sum -c --quiet SHA256SUMS) || echo "note: rebuilt .wasm differ from the committed ones" >&2
