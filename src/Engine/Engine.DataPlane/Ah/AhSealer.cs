using System;
using System.Buffers.Binary;
using System.Net.Sockets;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Ah;

/// <summary>
/// Outbound AH (RFC 4302 section 3.1) in place: the header goes into the head room before the
/// payload, and the predicted outer IP header (<see cref="AhPseudoHeader"/>) in front of that for
/// the ICV computation only; what is sent starts at the AH header.
/// </summary>
internal static class AhSealer
{
    /// <summary>The most bytes sealing writes before the payload: the pseudo header and the AH header.</summary>
    public static int MaximumHeadLength(SaTransform transform, AddressFamily family) =>
        IpHeaderWriter.HeaderLength(family) + AhLayout.Length(transform.IcvSize, family);

    /// <summary>Seals and returns the AH packet's length; it starts <see cref="AhLayout.Length"/> bytes before the payload.</summary>
    public static int Seal(SaTransform transform, SaCryptoContext crypto, uint spi, ulong sequence, bool extendedSequenceNumbers,
        AddressFamily family, UInt128 source, UInt128 destination, Span<byte> buffer, int payloadOffset, int payloadLength, byte nextHeader,
        ushort identification = 0)
    {
        var integrity = crypto.Integrity!;
        var ahLength = AhLayout.Length(integrity.IcvSize, family);
        var ahOffset = payloadOffset - ahLength;
        var header = buffer.Slice(ahOffset, ahLength);
        header[0] = nextHeader;
        header[1] = (byte)(ahLength / 4 - 2);
        header[2] = 0;
        header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], spi);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], (uint)sequence);
        var icvField = header[AhLayout.FixedSize..];
        icvField.Clear();

        var pseudoLength = IpHeaderWriter.HeaderLength(family);
        var pseudoOffset = ahOffset - pseudoLength;
        AhPseudoHeader.Write(buffer[pseudoOffset..], family, source, destination, ahLength + payloadLength, identification);

        var authenticated = buffer.Slice(pseudoOffset, pseudoLength + ahLength + payloadLength);
        Span<byte> icv = stackalloc byte[integrity.IcvSize];
        if (extendedSequenceNumbers)
        {
            // RFC 4302 section 2.5.1: the high half is authenticated after the packet, never sent.
            Span<byte> high = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(high, (uint)(sequence >> 32));
            integrity.Compute(authenticated, high, icv);
        }
        else
        {
            integrity.Compute(authenticated, icv);
        }

        icv.CopyTo(icvField);
        return ahLength + payloadLength;
    }
}
