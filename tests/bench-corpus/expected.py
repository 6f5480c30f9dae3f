#!/usr/bin/env python3
"""Writes the project corpus' inputs/*.bin and, from implementations of its own (not the C sources),
expected/*.hex: the exact output bytes each program must give. Run from anywhere: python3 expected.py"""
import os
import struct
import sys
from functools import lru_cache

M64 = (1 << 64) - 1
sys.setrecursionlimit(10000)
os.chdir(os.path.dirname(os.path.abspath(__file__)))


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@lru_cache(maxsize=None)
def tak(x, y, z):
    return z if y >= x else tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def recurse(n, x, y, z):
    return struct.pack("<4s4I", b"RECU", n, x, y, z), struct.pack("<QI", fib(n), tak(x, y, z))


def collatz(first, count):
    memo = {1: 0}

    def steps(v):
        path = []
        while v not in memo:
            path.append(v)
            v = v // 2 if v % 2 == 0 else 3 * v + 1
        s = memo[v]
        for u in reversed(path):
            s += 1
            memo[u] = s
        return s

    best, best_steps, total = first, 0, 0
    for v in range(first, first + count):
        s = steps(v)
        total += s
        if s > best_steps:
            best, best_steps = v, s
    return struct.pack("<4s2I", b"COLZ", first, count), struct.pack("<2IQ", best, best_steps, total)


def stream(n, passes, seed):
    def splitmix(state):
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return state, z ^ (z >> 31)

    values, state = [], seed
    for _ in range(n):
        state, v = splitmix(state)
        values.append(v)
    total, lo, hi, counts = 0, M64, 0, [0] * 256
    for p in range(passes):
        total = (total + sum(values)) & M64
        lo, hi = min(lo, min(values)), max(hi, max(values))
        for v in values:
            counts[v >> 56] += 1
        values = [(v * 0x9E3779B97F4A7C15 + p) & M64 for v in values]
    h = 0xCBF29CE484222325
    for c in counts:
        for byte in struct.pack("<Q", c):
            h = ((h ^ byte) * 0x100000001B3) & M64
    return struct.pack("<4s2IQ", b"STRM", n, passes, seed), struct.pack("<4Q", total, lo, hi, h)


CASES = {
    "recurse": {"check": (25, 18, 12, 6), "small": (32, 24, 16, 8), "full": (36, 24, 16, 8)},
    "collatz": {"check": (1, 100_000), "small": (1, 200_000), "full": (1, 3_000_000)},
    "stream": {"check": (100_000, 2, 42), "small": (2_000_000, 4, 42), "full": (8_000_000, 8, 42)},
}

for program, inputs in CASES.items():
    for name, parameters in inputs.items():
        if len(sys.argv) > 1 and name not in sys.argv[1:]:
            continue
        data, output = globals()[program](*parameters)
        with open(f"inputs/{program}-{name}.bin", "wb") as f:
            f.write(data)
        with open(f"expected/{program}-{name}.hex", "w") as f:
            f.write(output.hex() + "\n")
        print(f"{program}-{name}: {output.hex()}")
