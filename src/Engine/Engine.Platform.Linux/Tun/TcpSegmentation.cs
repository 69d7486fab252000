using System;
using System.Buffers.Binary;
using Engine.DataPlane.Ip;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// What the kernel leaves undone in a packet read from a TUN device with offloads on, done in
/// userspace: splitting a TCP segmentation offload super-packet (up to 64 KB of one TCP flow, one
/// IP and TCP header) into segments of the header's segment size, each with its own IP length,
/// IPv4 identification and header checksum, TCP sequence number, flags and checksum, as the
/// kernel's tcp_gso_segment would; and completing a partial (CHECKSUM_PARTIAL) checksum of a
/// single packet. Pure functions over spans, so they are tested with golden packets.
/// </summary>
internal static class TcpSegmentation
{
    private const byte TcpProtocol = 6;
    private const int TcpChecksumOffset = 16;
    private const int TcpFlagsOffset = 13;
    private const byte TcpFin = 0x01;
    private const byte TcpPsh = 0x08;
    private const byte TcpCwr = 0x80;
    private const int Ipv6HeaderLength = 40;

    /// <summary>
    /// Checks a super-packet against its header and describes it. False for anything this does not
    /// split (not TCP directly over IPv4 or IPv6, IPv6 extension headers, lengths or offsets that
    /// disagree with the packet, a zero segment size): the caller drops it.
    /// </summary>
    internal static bool TryDescribe(ReadOnlySpan<byte> packet, in VirtioNetHeader header, out SegmentLayout layout)
    {
        layout = default;
        byte gsoType = (byte)(header.GsoType & ~VirtioNetHeader.GsoEcn);
        if (header.GsoSize == 0 || packet.Length < Ipv6HeaderLength || header.ChecksumOffset != TcpChecksumOffset)
        {
            return false;
        }

        int ipHeaderLength;
        if (gsoType == VirtioNetHeader.GsoTcpV4)
        {
            ipHeaderLength = (packet[0] & 0x0f) * 4;
            if (packet[0] >> 4 != 4 || ipHeaderLength < 20 || packet[9] != TcpProtocol
                || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != packet.Length)
            {
                return false;
            }
        }
        else if (gsoType == VirtioNetHeader.GsoTcpV6)
        {
            ipHeaderLength = Ipv6HeaderLength;
            if (packet[0] >> 4 != 6 || packet[6] != TcpProtocol
                || BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != packet.Length - Ipv6HeaderLength)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (header.ChecksumStart != ipHeaderLength || ipHeaderLength + 20 > packet.Length)
        {
            return false;
        }

        // The TCP header's own length, not the header's hdr_len, which some kernels fill loosely.
        int headersLength = ipHeaderLength + ((packet[ipHeaderLength + 12] >> 4) * 4);
        if (headersLength < ipHeaderLength + 20 || headersLength > packet.Length)
        {
            return false;
        }

        int payload = packet.Length - headersLength;
        int count = payload == 0 ? 1 : (payload + header.GsoSize - 1) / header.GsoSize;
        layout = new SegmentLayout(ipHeaderLength, headersLength, header.GsoSize, count, gsoType == VirtioNetHeader.GsoTcpV4);
        return true;
    }

    /// <summary>
    /// Writes segment <paramref name="index"/> of <paramref name="packet"/> to <paramref name="output"/>.
    /// </summary>
    /// <returns>The segment's length, or -1 when it does not fit <paramref name="output"/>.</returns>
    internal static int WriteSegment(ReadOnlySpan<byte> packet, in SegmentLayout layout, int index, Span<byte> output)
    {
        int payloadStart = layout.HeadersLength + (index * layout.SegmentSize);
        int payloadLength = Math.Min(layout.SegmentSize, packet.Length - payloadStart);
        int length = layout.HeadersLength + payloadLength;
        if (length > output.Length)
        {
            return -1;
        }

        packet[..layout.HeadersLength].CopyTo(output);
        packet.Slice(payloadStart, payloadLength).CopyTo(output[layout.HeadersLength..]);
        if (layout.IsIpv4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(output[2..], (ushort)length);
            ushort identification = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
            BinaryPrimitives.WriteUInt16BigEndian(output[4..], unchecked((ushort)(identification + index)));
            output[10] = 0;
            output[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(output[10..], InternetChecksum.Compute(output[..layout.IpHeaderLength]));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(output[4..], (ushort)(length - Ipv6HeaderLength));
        }

        Span<byte> tcp = output[layout.IpHeaderLength..length];
        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(packet[(layout.IpHeaderLength + 4)..]);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], unchecked(sequence + (uint)(index * layout.SegmentSize)));
        if (index < layout.SegmentCount - 1)
        {
            tcp[TcpFlagsOffset] &= unchecked((byte)~(TcpFin | TcpPsh));
        }

        if (index > 0)
        {
            // Congestion window reduced is signalled once, on the first segment (tcp_gso_segment).
            tcp[TcpFlagsOffset] &= unchecked((byte)~TcpCwr);
        }

        tcp[TcpChecksumOffset] = 0;
        tcp[TcpChecksumOffset + 1] = 0;
        ReadOnlySpan<byte> addresses = layout.IsIpv4 ? output[12..20] : output[8..40];
        ulong sum = InternetChecksum.Add((ulong)TcpProtocol + (uint)tcp.Length, addresses);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[TcpChecksumOffset..], InternetChecksum.Finish(InternetChecksum.Add(sum, tcp)));
        return length;
    }

    /// <summary>
    /// Completes a partial checksum: the kernel left the pseudo-header sum at
    /// <paramref name="start"/> + <paramref name="offset"/> and expects the sum from
    /// <paramref name="start"/> to the end folded into it.
    /// </summary>
    /// <returns>False when the offsets lie outside the packet.</returns>
    internal static bool CompleteChecksum(Span<byte> packet, int start, int offset)
    {
        int at = start + offset;
        if (at + 2 > packet.Length || start > packet.Length)
        {
            return false;
        }

        ulong initial = BinaryPrimitives.ReadUInt16BigEndian(packet[at..]);
        packet[at] = 0;
        packet[at + 1] = 0;
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(initial, packet[start..]));

        // A computed 0 goes out as 0xFFFF (the same value in one's complement), as the kernel's
        // skb_checksum_help writes it: for UDP a 0 would mean "no checksum" (and is invalid in IPv6).
        BinaryPrimitives.WriteUInt16BigEndian(packet[at..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return true;
    }
}
