using System;
using System.Buffers.Binary;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// One direction of an ESP SA as the data plane will process it (RFC 4303, tunnel mode, 32-bit
/// sequence numbers), assembled from Engine.Crypto's transforms, because the data plane that will
/// own this does not exist yet. The packet is laid out in one buffer:
/// <c>SPI(4) | seq(4) | IV | payload | padding | pad length | next header | ICV</c>; the payload is
/// already in place when <see cref="Seal"/> is called, and everything happens in place, as the
/// design's pooled buffers with head and tail room will have it.
/// </summary>
public abstract class EspSa : IDisposable
{
    public const int HeaderSize = 8;

    /// <summary>Next header of the inner packet: IPv4 in tunnel mode.</summary>
    private const byte NextHeaderIpv4 = 4;

    private const uint Spi = 0xc0ffee01;

    protected EspSa(int ivSize, int blockSize, int icvSize)
    {
        IvSize = ivSize;

        // RFC 4303 section 2.4: the ciphertext ends on the cipher's block and on 4 bytes.
        Alignment = Math.Max(blockSize, 4);
        IcvSize = icvSize;
    }

    public int IvSize { get; }

    public int IcvSize { get; }

    public int Alignment { get; }

    /// <summary>Where the inner packet starts in the buffer.</summary>
    public int PayloadOffset => HeaderSize + IvSize;

    /// <summary>Bytes on the wire for an inner packet of <paramref name="payloadLength"/> bytes.</summary>
    public int PacketLength(int payloadLength) => PayloadOffset + EncryptedLength(payloadLength) + IcvSize;

    /// <summary>Seals the payload at <see cref="PayloadOffset"/> in place; returns the packet length.</summary>
    public int Seal(Span<byte> buffer, int payloadLength, uint sequenceNumber)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Spi);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], sequenceNumber);

        // Self-describing padding 1, 2, 3, ... (RFC 4303 section 2.4), then the trailer.
        var encryptedLength = EncryptedLength(payloadLength);
        var padLength = encryptedLength - payloadLength - 2;
        var trailer = buffer.Slice(PayloadOffset + payloadLength, padLength + 2);
        for (var i = 0; i < padLength; i++)
        {
            trailer[i] = (byte)(i + 1);
        }

        trailer[padLength] = (byte)padLength;
        trailer[padLength + 1] = NextHeaderIpv4;

        var packetLength = PayloadOffset + encryptedLength + IcvSize;
        Protect(buffer[..packetLength], sequenceNumber, encryptedLength);
        return packetLength;
    }

    /// <summary>Checks and decrypts a packet in place; returns the payload length, or -1 when it does not authenticate.</summary>
    public int Open(Span<byte> packet)
    {
        var encryptedLength = packet.Length - PayloadOffset - IcvSize;
        if (encryptedLength < 2 || encryptedLength % Alignment != 0 || !Unprotect(packet, encryptedLength))
        {
            return -1;
        }

        var padLength = packet[PayloadOffset + encryptedLength - 2];
        var payloadLength = encryptedLength - 2 - padLength;
        return payloadLength < 0 ? -1 : payloadLength;
    }

    public abstract void Dispose();

    /// <summary>Writes the IV, encrypts the payload and trailer, writes the ICV.</summary>
    protected abstract void Protect(Span<byte> packet, uint sequenceNumber, int encryptedLength);

    /// <summary>Verifies the ICV and decrypts the payload and trailer.</summary>
    protected abstract bool Unprotect(Span<byte> packet, int encryptedLength);

    private int EncryptedLength(int payloadLength) => (payloadLength + 2 + Alignment - 1) / Alignment * Alignment;
}
