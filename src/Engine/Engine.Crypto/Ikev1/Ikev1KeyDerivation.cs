using System;
using System.Buffers;
using System.Buffers.Binary;
using Engine.Crypto.Prf;

namespace Engine.Crypto.Ikev1;

/// <summary>
/// IKEv1 key derivation (RFC 2409 section 5, section 5.5 and appendix B). Cookies are the
/// 8-byte ISAKMP header cookies; g^xy is the shared secret as <see cref="KeyExchange.IKeyExchange"/>
/// returns it.
/// </summary>
public static class Ikev1KeyDerivation
{
    /// <summary>SKEYID_d, SKEYID_a, SKEYID_e and the phase 1 encryption key from SKEYID.</summary>
    public static Ikev1Phase1Keys DerivePhase1(
        IPrf prf,
        byte[] skeyid,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> initiatorCookie,
        ReadOnlySpan<byte> responderCookie,
        int encryptionKeySize)
    {
        var d = SkeyidD(prf, skeyid, sharedSecret, initiatorCookie, responderCookie);
        var a = SkeyidA(prf, skeyid, d, sharedSecret, initiatorCookie, responderCookie);
        var e = SkeyidE(prf, skeyid, a, sharedSecret, initiatorCookie, responderCookie);
        return new Ikev1Phase1Keys(skeyid, d, a, e, EncryptionKey(prf, e, encryptionKeySize));
    }

    /// <summary>SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0).</summary>
    public static byte[] SkeyidD(
        IPrf prf, ReadOnlySpan<byte> skeyid, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> initiatorCookie, ReadOnlySpan<byte> responderCookie) =>
        Derivative(prf, skeyid, ReadOnlySpan<byte>.Empty, sharedSecret, initiatorCookie, responderCookie, 0);

    /// <summary>SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1).</summary>
    public static byte[] SkeyidA(
        IPrf prf, ReadOnlySpan<byte> skeyid, ReadOnlySpan<byte> skeyidD, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> initiatorCookie, ReadOnlySpan<byte> responderCookie) =>
        Derivative(prf, skeyid, skeyidD, sharedSecret, initiatorCookie, responderCookie, 1);

    /// <summary>SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2).</summary>
    public static byte[] SkeyidE(
        IPrf prf, ReadOnlySpan<byte> skeyid, ReadOnlySpan<byte> skeyidA, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> initiatorCookie, ReadOnlySpan<byte> responderCookie) =>
        Derivative(prf, skeyid, skeyidA, sharedSecret, initiatorCookie, responderCookie, 2);

    /// <summary>
    /// The phase 1 encryption key: the first <paramref name="keySize"/> bytes of SKEYID_e, or,
    /// when SKEYID_e is shorter (3DES or AES-256 with SHA-1), appendix B's
    /// Ka = K1 | K2 | ... with K1 = prf(SKEYID_e, 0) and Kn = prf(SKEYID_e, Kn-1).
    /// </summary>
    public static byte[] EncryptionKey(IPrf prf, ReadOnlySpan<byte> skeyidE, int keySize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keySize);
        if (skeyidE.Length >= keySize)
        {
            return skeyidE[..keySize].ToArray();
        }

        var key = new byte[keySize];
        ReadOnlySpan<byte> previous = [0];
        for (var offset = 0; offset < keySize; offset += prf.OutputSize)
        {
            var block = prf.Compute(skeyidE, previous);
            block.AsSpan(0, Math.Min(block.Length, keySize - offset)).CopyTo(key.AsSpan(offset));
            previous = block;
        }

        return key;
    }

    /// <summary>
    /// Quick mode KEYMAT for one SA (RFC 2409 section 5.5): K1 | K2 | ... truncated to
    /// <paramref name="length"/>, with K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
    /// and Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b).
    /// </summary>
    /// <param name="prf">The phase 1 PRF.</param>
    /// <param name="skeyidD">SKEYID_d of the ISAKMP SA.</param>
    /// <param name="pfsSharedSecret">g(qm)^xy with PFS; empty without.</param>
    /// <param name="protocolId">The IPsec DOI protocol id of the SA (2 AH, 3 ESP).</param>
    /// <param name="spi">
    /// The SPI of the SA being keyed: the one its receiver chose. Each direction has its own
    /// KEYMAT, so an inbound SA uses our SPI and an outbound SA the peer's.
    /// </param>
    /// <param name="initiatorNonce">Ni_b of this quick mode.</param>
    /// <param name="responderNonce">Nr_b of this quick mode.</param>
    /// <param name="length">KEYMAT bytes needed: encryption key (with salt) plus integrity key.</param>
    public static byte[] QuickModeKeyMaterial(
        IPrf prf,
        ReadOnlySpan<byte> skeyidD,
        ReadOnlySpan<byte> pfsSharedSecret,
        byte protocolId,
        uint spi,
        ReadOnlySpan<byte> initiatorNonce,
        ReadOnlySpan<byte> responderNonce,
        int length)
    {
        var seed = new ArrayBufferWriter<byte>();
        seed.Write(pfsSharedSecret);
        seed.Write([protocolId]);
        BinaryPrimitives.WriteUInt32BigEndian(seed.GetSpan(sizeof(uint)), spi);
        seed.Advance(sizeof(uint));
        seed.Write(initiatorNonce);
        seed.Write(responderNonce);
        try
        {
            return ExpandKeyMaterial(prf, skeyidD, seed.WrittenSpan, length);
        }
        finally
        {
            seed.Clear();
        }
    }

    /// <summary>The K1 | K2 | ... expansion of section 5.5: K1 = prf(key, seed), Kn = prf(key, Kn-1 | seed).</summary>
    internal static byte[] ExpandKeyMaterial(IPrf prf, ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var output = new byte[length];
        var message = new ArrayBufferWriter<byte>();
        byte[] previous = [];
        for (var offset = 0; offset < length; offset += prf.OutputSize)
        {
            message.Write(previous);
            message.Write(seed);
            var block = prf.Compute(key, message);
            block.AsSpan(0, Math.Min(block.Length, length - offset)).CopyTo(output.AsSpan(offset));
            previous = block;
        }

        return output;
    }

    private static byte[] Derivative(
        IPrf prf,
        ReadOnlySpan<byte> skeyid,
        ReadOnlySpan<byte> previous,
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> initiatorCookie,
        ReadOnlySpan<byte> responderCookie,
        byte index)
    {
        var message = new ArrayBufferWriter<byte>();
        message.Write(previous);
        message.Write(sharedSecret);
        message.Write(initiatorCookie);
        message.Write(responderCookie);
        message.Write([index]);
        return prf.Compute(skeyid, message);
    }
}
