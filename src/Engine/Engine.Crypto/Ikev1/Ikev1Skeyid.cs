using System;
using System.Buffers;
using System.Security.Cryptography;
using Engine.Crypto.Prf;

namespace Engine.Crypto.Ikev1;

/// <summary>
/// SKEYID, the phase 1 root secret, for each IKEv1 authentication method (RFC 2409 section 5).
/// Nonces are the bodies of the Nonce payloads (Ni_b, Nr_b), without the generic header.
/// </summary>
public static class Ikev1Skeyid
{
    /// <summary>Pre-shared keys: SKEYID = prf(pre-shared-key, Ni_b | Nr_b).</summary>
    public static byte[] ForPreSharedKey(
        IPrf prf, ReadOnlySpan<byte> preSharedKey, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce)
    {
        var message = new ArrayBufferWriter<byte>();
        message.Write(initiatorNonce);
        message.Write(responderNonce);
        return prf.Compute(preSharedKey, message);
    }

    /// <summary>Signatures (DSS, RSA, ECDSA): SKEYID = prf(Ni_b | Nr_b, g^xy).</summary>
    public static byte[] ForSignatures(
        IPrf prf, ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce, ReadOnlySpan<byte> sharedSecret)
    {
        var key = new ArrayBufferWriter<byte>();
        key.Write(initiatorNonce);
        key.Write(responderNonce);
        return prf.Compute(key.WrittenSpan, sharedSecret);
    }

    /// <summary>Public key encryption: SKEYID = prf(hash(Ni_b | Nr_b), CKY-I | CKY-R).</summary>
    public static byte[] ForPublicKeyEncryption(
        IPrf prf,
        HashAlgorithmName hash,
        ReadOnlySpan<byte> initiatorNonce,
        ReadOnlySpan<byte> responderNonce,
        ReadOnlySpan<byte> initiatorCookie,
        ReadOnlySpan<byte> responderCookie)
    {
        var nonces = new ArrayBufferWriter<byte>();
        nonces.Write(initiatorNonce);
        nonces.Write(responderNonce);
        var key = CryptographicOperations.HashData(hash, nonces.WrittenSpan);

        var message = new ArrayBufferWriter<byte>();
        message.Write(initiatorCookie);
        message.Write(responderCookie);
        return prf.Compute(key, message);
    }
}
