using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Engine.Crypto.Ikev1;

/// <summary>
/// IKEv1's CBC IVs (RFC 2409 appendix B): derived from the negotiated hash at the start of each
/// exchange, then chained: the IV of the next message in an exchange is the last ciphertext
/// block of the previous one.
/// </summary>
public static class Ikev1Iv
{
    /// <summary>The phase 1 IV: hash(g^xi | g^xr), truncated to the cipher's block size.</summary>
    public static byte[] Phase1(
        HashAlgorithmName hash, ReadOnlySpan<byte> initiatorPublicValue, ReadOnlySpan<byte> responderPublicValue, int blockSize)
    {
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(initiatorPublicValue);
        digest.AppendData(responderPublicValue);
        return digest.GetHashAndReset().AsSpan(0, blockSize).ToArray();
    }

    /// <summary>
    /// The first IV of a quick mode or informational exchange:
    /// hash(last phase 1 CBC output block | M-ID), truncated to the block size.
    /// </summary>
    public static byte[] ForExchange(HashAlgorithmName hash, ReadOnlySpan<byte> lastPhase1Block, uint messageId, int blockSize)
    {
        Span<byte> id = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(id, messageId);
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(lastPhase1Block);
        digest.AppendData(id);
        return digest.GetHashAndReset().AsSpan(0, blockSize).ToArray();
    }

    /// <summary>The IV after a message: the last ciphertext block of its encrypted body.</summary>
    public static byte[] Next(ReadOnlySpan<byte> encryptedBody, int blockSize)
    {
        if (encryptedBody.Length < blockSize || encryptedBody.Length % blockSize != 0)
        {
            throw new ArgumentException("An encrypted IKEv1 body is a whole, non-zero number of blocks.", nameof(encryptedBody));
        }

        return encryptedBody[^blockSize..].ToArray();
    }
}
