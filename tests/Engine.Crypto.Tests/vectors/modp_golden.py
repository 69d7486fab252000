#!/usr/bin/env python3
"""Known-answer values for the MODP groups, computed independently of the engine.

The primes are rebuilt from their defining formula (RFC 2409 section 6, RFC 3526):
    p = 2^n - 2^(n-64) - 1 + 2^64 * ( floor(2^(n-130) * pi) + k ),  g = 2
with pi from mpmath, so neither BouncyCastle's tables nor ours are trusted. Private exponents are
fixed strings expanded with SHAKE-256; a few are searched so that a public value or g^xy starts
with a zero byte, which checks the padding to the modulus length.

Regenerate:  python3 modp_golden.py > modp-golden.json   (needs mpmath)
"""
import hashlib
import json
import sys

import mpmath

# group number: (modulus bits, k from the RFC's formula, private exponent bits used here)
GROUPS = {
    1: (768, 149686, 256),
    2: (1024, 129093, 256),
    5: (1536, 741804, 256),
    14: (2048, 124476, 320),
    15: (3072, 1690314, 420),
    16: (4096, 240904, 480),
}


def prime(bits, k):
    mpmath.mp.prec = bits + 64
    floor_pi = int(mpmath.floor(mpmath.ldexp(mpmath.pi, bits - 130)))
    return 2**bits - 2**(bits - 64) - 1 + 2**64 * (floor_pi + k)


def probably_prime(n, rounds=16):
    if n % 2 == 0:
        return False
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53)[:rounds]:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def exponent(label, bits):
    raw = int.from_bytes(hashlib.shake_256(label.encode()).digest((bits + 7) // 8), "big")
    return (raw >> ((bits + 7) // 8 * 8 - bits)) | (1 << (bits - 1))


def hexpad(value, size):
    return value.to_bytes(size, "big").hex()


def case(group, p, size, bits, x_label, y_label):
    x, y = exponent(x_label, bits), exponent(y_label, bits)
    gx, gy = pow(2, x, p), pow(2, y, p)
    gxy = pow(gy, x, p)
    assert gxy == pow(gx, y, p)
    return {
        "group": group,
        "x": format(x, "x"),
        "y": format(y, "x"),
        "gx": hexpad(gx, size),
        "gy": hexpad(gy, size),
        "gxy": hexpad(gxy, size),
    }


def search(group, p, size, bits, want):
    """A case whose public value (want='gx') or shared secret (want='gxy') has a leading zero byte."""
    for counter in range(100000):
        c = case(group, p, size, bits, f"modp {group} {want} x {counter}", f"modp {group} {want} y {counter}")
        if c[want].startswith("00"):
            return c
    raise SystemExit(f"no leading-zero {want} found for group {group}")


def main():
    cases = []
    for group, (bits, k, exponent_bits) in GROUPS.items():
        p = prime(bits, k)
        assert p.bit_length() == bits and probably_prime(p) and probably_prime((p - 1) // 2), group
        size = bits // 8
        cases.append(case(group, p, size, exponent_bits, f"modp {group} initiator", f"modp {group} responder"))
        if group == 2:
            cases.append(search(group, p, size, exponent_bits, "gx"))
            cases.append(search(group, p, size, exponent_bits, "gxy"))
    json.dump({"generator": "tests/Engine.Crypto.Tests/vectors/modp_golden.py", "cases": cases}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
