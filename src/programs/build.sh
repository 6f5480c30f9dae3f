#!/bin/sh
# Rebuilds the job programs' .wasm from their C sources: Debian's clang-14 and lld
# (apt-get install -y clang-14 lld; wabt's wasm-validate is used when present).
# The .wasm files are committed, so nothing else needs this script.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-14}
FLAGS="--target=wasm32 -O2 -ffreestanding -nostdlib -Wall -Wextra -Werror \
 -Wl,--no-entry -Wl,--stack-first -Wl,-z,stack-size=65536 -Wl,--strip-all"
for program in aggregate echo sum trap; do
  $CC $FLAGS -o "$program.wasm" "$program.c"
  if command -v wasm-validate >/dev/null 2>&1; then wasm-validate "$program.wasm"; fi
  echo "built $program.wasm ($(wc -c < "$program.wasm") bytes)"
done
