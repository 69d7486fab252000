#!/usr/bin/env python3
"""Golden values for the IKEv1 derivations, computed independently with hashlib/hmac.

Every formula is transcribed from RFC 2409 (section numbers in the comments); the inputs are
fixed byte strings derived from labels, so the file is reproducible. The engine's tests feed the
same inputs to Engine.Crypto.Ikev1 and expect these outputs.

Regenerate:  python3 ikev1_golden.py > ikev1-golden.json
"""
import hashlib
import hmac
import json
import struct
import sys

HASHES = {"MD5": hashlib.md5, "SHA1": hashlib.sha1, "SHA256": hashlib.sha256,
          "SHA384": hashlib.sha384, "SHA512": hashlib.sha512}


def data(label, size):
    return hashlib.shake_256(label.encode()).digest(size)


def prf(name, key, message):
    return hmac.new(key, message, HASHES[name]).digest()


def expand(name, key, seed, length, chained_seed):
    """Appendix B (seed only in K1: Kn = prf(key, Kn-1)) or section 5.5 (Kn = prf(key, Kn-1 | seed))."""
    out, previous = b"", b""
    while len(out) < length:
        previous = prf(name, key, previous + seed if chained_seed or not previous else previous)
        out += previous
    return out[:length]


def encryption_key(name, skeyid_e, size):
    # Appendix B: the key is SKEYID_e's first bytes, or K1 | K2 | ... with K1 = prf(SKEYID_e, 0).
    if len(skeyid_e) >= size:
        return skeyid_e[:size]
    return expand(name, skeyid_e, b"\x00", size, chained_seed=False)


def case(name):
    h = HASHES[name]
    i = {
        "psk": data(f"{name} psk", 23),
        "ni": data(f"{name} Ni_b", 32),
        "nr": data(f"{name} Nr_b", 20),
        "ckyI": data(f"{name} CKY-I", 8),
        "ckyR": data(f"{name} CKY-R", 8),
        "gxi": data(f"{name} g^xi", 256),
        "gxr": data(f"{name} g^xr", 256),
        "gxy": data(f"{name} g^xy", 256),
        "saiB": data(f"{name} SAi_b", 52),
        "idiiB": data(f"{name} IDii_b", 8),
        "idirB": data(f"{name} IDir_b", 8),
        "lastPhase1Block": data(f"{name} last phase 1 block", 16),
        "qmPayloadsAfterHash1": data(f"{name} SA|Ni|KE|IDci|IDcr", 140),
        "qmPayloadsAfterHash2": data(f"{name} SA|Nr|KE|IDci|IDcr", 140),
        "informationalPayloads": data(f"{name} N/D", 16),
        "qmGxy": data(f"{name} g(qm)^xy", 32),
    }
    message_id = 0x5A3C_1F07
    spi = 0xC0FF_EE01
    protocol = 3  # PROTO_IPSEC_ESP
    mid = struct.pack(">I", message_id)

    # Section 5: SKEYID per authentication method.
    skeyid_psk = prf(name, i["psk"], i["ni"] + i["nr"])
    skeyid_sig = prf(name, i["ni"] + i["nr"], i["gxy"])
    skeyid_pke = prf(name, h(i["ni"] + i["nr"]).digest(), i["ckyI"] + i["ckyR"])

    # Section 5: the derivatives, from the pre-shared-key SKEYID.
    d = prf(name, skeyid_psk, i["gxy"] + i["ckyI"] + i["ckyR"] + b"\x00")
    a = prf(name, skeyid_psk, d + i["gxy"] + i["ckyI"] + i["ckyR"] + b"\x01")
    e = prf(name, skeyid_psk, a + i["gxy"] + i["ckyI"] + i["ckyR"] + b"\x02")

    # Section 5.5: KEYMAT, expanded K1 | K2 | ..., without and with PFS.
    seed = bytes([protocol]) + struct.pack(">I", spi) + i["ni"] + i["nr"]
    keymat = expand(name, d, seed, 100, chained_seed=True)
    keymat_pfs = expand(name, d, i["qmGxy"] + seed, 100, chained_seed=True)

    out = {
        "skeyidPsk": skeyid_psk,
        "skeyidSignature": skeyid_sig,
        "skeyidPublicKeyEncryption": skeyid_pke,
        "skeyidD": d,
        "skeyidA": a,
        "skeyidE": e,
        "encryptionKey16": encryption_key(name, e, 16),
        "encryptionKey24": encryption_key(name, e, 24),
        "encryptionKey32": encryption_key(name, e, 32),
        # Appendix B: phase 1 IV = hash(g^xi | g^xr); later exchanges hash(last block | M-ID).
        "phase1Iv16": h(i["gxi"] + i["gxr"]).digest()[:16],
        "phase1Iv8": h(i["gxi"] + i["gxr"]).digest()[:8],
        "exchangeIv16": h(i["lastPhase1Block"] + mid).digest()[:16],
        # Section 5: HASH_I and HASH_R.
        "hashI": prf(name, skeyid_psk, i["gxi"] + i["gxr"] + i["ckyI"] + i["ckyR"] + i["saiB"] + i["idiiB"]),
        "hashR": prf(name, skeyid_psk, i["gxr"] + i["gxi"] + i["ckyR"] + i["ckyI"] + i["saiB"] + i["idirB"]),
        # Section 5.5: quick mode HASH(1), HASH(2), HASH(3); section 5.7: informational.
        "qmHash1": prf(name, a, mid + i["qmPayloadsAfterHash1"]),
        "qmHash2": prf(name, a, mid + i["ni"] + i["qmPayloadsAfterHash2"]),
        "qmHash3": prf(name, a, b"\x00" + mid + i["ni"] + i["nr"]),
        "informationalHash": prf(name, a, mid + i["informationalPayloads"]),
        "keymat": keymat,
        "keymatPfs": keymat_pfs,
    }
    return {
        "hash": name,
        "messageId": message_id,
        "spi": spi,
        "protocol": protocol,
        "inputs": {k: v.hex() for k, v in i.items()},
        "outputs": {k: v.hex() for k, v in out.items()},
    }


def main():
    cases = [case(name) for name in HASHES]
    json.dump({"generator": "tests/Engine.Crypto.Tests/vectors/ikev1_golden.py", "cases": cases}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
