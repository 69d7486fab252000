using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Engine.Crypto.Esp;

/// <summary>
/// Where per-packet IVs come from: CBC needs an unpredictable IV (RFC 3602 section 3), while GCM
/// needs one that never repeats under a key (RFC 4106 section 3.1), which the SA's sequence
/// number already is.
/// </summary>
public static class EspIv
{
    /// <summary>Fills a CBC IV from the system's CSPRNG (allocation-free).</summary>
    public static void FillUnpredictable(Span<byte> iv) => RandomNumberGenerator.Fill(iv);

    /// <summary>
    /// Writes the 64-bit sequence number as an 8-byte GCM IV. Unique for the life of the key
    /// because sequence numbers never repeat within an SA (a wrap forces a rekey).
    /// </summary>
    public static void WriteFromSequenceNumber(ulong sequenceNumber, Span<byte> iv)
    {
        if (iv.Length != sizeof(ulong))
        {
            throw new ArgumentException("A GCM explicit IV is 8 bytes.", nameof(iv));
        }

        BinaryPrimitives.WriteUInt64BigEndian(iv, sequenceNumber);
    }
}
