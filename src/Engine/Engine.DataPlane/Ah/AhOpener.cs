using System;
using System.Buffers.Binary;
using System.Net.Sockets;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Replay;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Ah;

/// <summary>
/// Inbound AH (RFC 4302 section 3.4): header lengths, the replay check, the ICV over the outer
/// header with its mutable fields zeroed (the received IPv4 header, or for IPv6, whose raw
/// sockets never show the header, one rebuilt from the addresses and length), the AH header with
/// a zeroed ICV, and the payload; then the window update.
/// </summary>
/// <remarks>
/// Limits: IPv4 options are not parsed for mutability, so AH packets with options are refused;
/// an IPv6 packet with extension headers before AH cannot be verified (the raw socket hides them)
/// and fails authentication.
/// </remarks>
internal static class AhOpener
{
    // The longest ICV here (HMAC-SHA-512-256) is 32 bytes.
    private const int MaximumIcvSize = 64;

    /// <param name="ipHeaderOffset">Where the received IPv4 header starts, or -1 when the bind gave none.</param>
    public static OpenStatus Open(SecurityAssociation sa, SaCryptoContext crypto, Span<byte> buffer, int ipHeaderOffset, int ahOffset,
        int ahPacketLength, AddressFamily family, UInt128 source, UInt128 destination,
        out int payloadOffset, out int payloadLength, out byte nextHeader)
    {
        payloadOffset = 0;
        payloadLength = 0;
        nextHeader = 0;
        var integrity = crypto.Integrity!;
        if (ahPacketLength < AhLayout.FixedSize)
        {
            return OpenStatus.Malformed;
        }

        var header = buffer.Slice(ahOffset, ahPacketLength);
        var ahLength = (header[1] + 2) * 4;
        if (ahLength < AhLayout.FixedSize + integrity.IcvSize || ahLength > ahPacketLength)
        {
            return OpenStatus.Malformed;
        }

        var window = sa.Replay!;
        if (window.Check(BinaryPrimitives.ReadUInt32BigEndian(header[8..]), out var sequence) != ReplayVerdict.Accept)
        {
            return OpenStatus.Replayed;
        }

        int authenticatedOffset;
        if (ipHeaderOffset >= 0)
        {
            if (ahOffset - ipHeaderOffset != IpPacketParser.Ipv4MinimumHeaderLength)
            {
                return OpenStatus.Unsupported;
            }

            AhPseudoHeader.ZeroMutableIpv4Fields(buffer[ipHeaderOffset..]);
            authenticatedOffset = ipHeaderOffset;
        }
        else
        {
            var pseudoLength = IpHeaderWriter.HeaderLength(family);
            authenticatedOffset = ahOffset - pseudoLength;
            AhPseudoHeader.Write(buffer[authenticatedOffset..], family, source, destination, ahPacketLength);
        }

        Span<byte> icv = stackalloc byte[MaximumIcvSize];
        icv = icv[..integrity.IcvSize];
        var icvField = header.Slice(AhLayout.FixedSize, integrity.IcvSize);
        icvField.CopyTo(icv);
        icvField.Clear();

        var authenticated = buffer[authenticatedOffset..(ahOffset + ahPacketLength)];
        bool authentic;
        if (sa.ExtendedSequenceNumbers)
        {
            Span<byte> high = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(high, (uint)(sequence >> 32));
            authentic = integrity.Verify(authenticated, high, icv);
        }
        else
        {
            authentic = integrity.Verify(authenticated, icv);
        }

        if (!authentic)
        {
            return OpenStatus.AuthenticationFailed;
        }

        if (!window.TryAccept(sequence))
        {
            return OpenStatus.Replayed;
        }

        nextHeader = header[0];
        payloadOffset = ahOffset + ahLength;
        payloadLength = ahPacketLength - ahLength;
        return OpenStatus.Opened;
    }
}
