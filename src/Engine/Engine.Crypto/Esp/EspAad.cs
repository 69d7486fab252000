using System;
using System.Buffers.Binary;

namespace Engine.Crypto.Esp;

/// <summary>
/// The additional authenticated data of ESP combined-mode transforms (RFC 4106 section 5):
/// SPI || sequence number, where with extended sequence numbers the 64-bit number is written
/// high half first, although only the low half travels in the packet.
/// </summary>
public static class EspAad
{
    /// <summary>AAD bytes with a 32-bit sequence number.</summary>
    public const int Size = 8;

    /// <summary>AAD bytes with a 64-bit extended sequence number.</summary>
    public const int ExtendedSize = 12;

    /// <summary>Writes the AAD into <paramref name="destination"/> and returns its length.</summary>
    public static int Write(Span<byte> destination, uint spi, ulong sequenceNumber, bool extendedSequenceNumbers)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, spi);
        if (extendedSequenceNumbers)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[4..], sequenceNumber);
            return ExtendedSize;
        }

        if (sequenceNumber > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(sequenceNumber), "Without extended sequence numbers the sequence number is 32 bits.");
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)sequenceNumber);
        return Size;
    }
}
