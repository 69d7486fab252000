using System;
using System.Buffers.Binary;
using Engine.DataPlane.Ip;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// Generic receive offload in userspace, the inverse of <see cref="TcpSegmentation"/>: consecutive
/// in-order segments of one TCP flow become one super-packet with a virtio_net_hdr that tells the
/// kernel their segment size (GSO TCPV4/TCPV6) and leaves the TCP checksum partial, so the host's
/// stack takes dozens of segments as one packet, as a NIC's GRO would hand them over.
/// </summary>
/// <remarks>
/// <para>It follows one run at a time: a packet that does not continue the run ends it (the caller
/// writes the run, then offers the packet as the start of the next), so the order of packets is
/// kept. A run's first packet is only referenced (<see cref="Start"/>): most packets that start a
/// run are written alone, and copying them would be wasted; the second packet copies the first
/// into the coalescer's own buffer, and each further one appends its payload there.</para>
/// <para>The rules are those of the kernel's tcp_gro_receive and inet/ipv6_gro_receive, so what the
/// host receives is what a NIC with GRO would have given it: IPv4 without options or fragments,
/// IPv6 with TCP right after the fixed header; the same addresses and ports; the same TOS/DF/TTL
/// (IPv4) or first word and hop limit (IPv6); the same TCP header length and options, acknowledgment
/// number and window; only ACK set, with PSH allowed on the last segment; each sequence number
/// directly after the previous segment; every segment the size of the first except a shorter last
/// one; at most 65,535 bytes in all. Because the kernel trusts a partial checksum, each segment's
/// TCP checksum is verified here before it joins a run: a segment that fails is written alone, for
/// the host to count and drop.</para>
/// </remarks>
internal sealed class TcpCoalescer
{
    /// <summary>The largest super-packet (an IPv4 total length, or an IPv6 header with its payload length's limit cut to the same).</summary>
    internal const int MaximumPacketLength = 65535;

    private const byte TcpProtocol = 6;
    private const byte TcpAck = 0x10;
    private const byte TcpPsh = 0x08;
    private const int TcpFlagsOffset = 13;
    private const int TcpChecksumOffset = 16;
    private const int Ipv4HeaderLength = 20;
    private const int Ipv6HeaderLength = 40;

    // The virtio_net_hdr and the super-packet behind it, written with one write(2). Pinned: the
    // device writes from it while other threads may trigger a compacting GC.
    private readonly byte[] frame = GC.AllocateUninitializedArray<byte>(VirtioNetHeader.Size + MaximumPacketLength, pinned: true);

    private byte[]? heldBuffer;
    private int heldOffset;
    private int heldLength;
    private int copiedLength;
    private int ipHeaderLength;
    private int headersLength;
    private int segmentSize;
    private uint nextSequence;
    private bool closed;

    /// <summary>Packets in the current run: 0 (none), 1 (the referenced first packet) or more (in <see cref="frame"/>).</summary>
    internal int Segments { get; private set; }

    /// <summary>The packet a one-packet run references.</summary>
    internal ReadOnlySpan<byte> HeldPacket => heldBuffer.AsSpan(heldOffset, heldLength);

    /// <summary>Runs of two or more packets completed since the coalescer was made.</summary>
    internal long SuperPackets { get; private set; }

    /// <summary>Packets that joined a run after its first.</summary>
    internal long CoalescedPackets { get; private set; }

    /// <summary>
    /// Whether <paramref name="packet"/> could start a run: a well-formed TCP segment with payload,
    /// only ACK set, over IPv4 without options or fragmentation or over IPv6 without extension headers.
    /// </summary>
    internal static bool IsCandidate(ReadOnlySpan<byte> packet)
    {
        if (!TryReadShape(packet, out int ipHeader, out int headers))
        {
            return false;
        }

        return packet[ipHeader + TcpFlagsOffset] == TcpAck && packet.Length > headers;
    }

    /// <summary>Starts a run with a packet <see cref="IsCandidate"/> accepted; its bytes must stay unchanged while the run lasts.</summary>
    internal void Start(byte[] buffer, int offset, int length)
    {
        ReadOnlySpan<byte> packet = buffer.AsSpan(offset, length);
        if (!TryReadShape(packet, out ipHeaderLength, out headersLength))
        {
            throw new ArgumentException("Not a packet that can start a run.", nameof(buffer));
        }

        heldBuffer = buffer;
        heldOffset = offset;
        heldLength = length;
        copiedLength = 0;
        segmentSize = length - headersLength;
        nextSequence = unchecked(BinaryPrimitives.ReadUInt32BigEndian(packet[(ipHeaderLength + 4)..]) + (uint)segmentSize);
        closed = false;
        Segments = 1;
    }

    /// <summary>Adds <paramref name="packet"/> to the run when it continues it (its bytes are copied).</summary>
    /// <returns>False when there is no run, the run is complete, or the packet does not continue it.</returns>
    internal bool TryAppend(ReadOnlySpan<byte> packet)
    {
        if (Segments == 0 || closed || packet.Length <= headersLength)
        {
            return false;
        }

        ReadOnlySpan<byte> head = copiedLength == 0 ? HeldPacket : frame.AsSpan(VirtioNetHeader.Size, copiedLength);
        int payload = packet.Length - headersLength;
        int total = (copiedLength == 0 ? heldLength : copiedLength) + payload;
        if (payload > segmentSize || total > MaximumPacketLength || !Continues(head, packet))
        {
            return false;
        }

        byte flags = packet[ipHeaderLength + TcpFlagsOffset];
        if ((flags != TcpAck && flags != (TcpAck | TcpPsh)) || !TcpChecksumValid(packet, ipHeaderLength))
        {
            return false;
        }

        Span<byte> super = frame.AsSpan(VirtioNetHeader.Size);
        if (copiedLength == 0)
        {
            // The first packet's checksum is checked only now: alone, the host checks it.
            if (!TcpChecksumValid(head, ipHeaderLength))
            {
                return false;
            }

            head.CopyTo(super);
            copiedLength = heldLength;
            heldBuffer = null;
        }

        packet[headersLength..].CopyTo(super[copiedLength..]);
        copiedLength += payload;
        nextSequence = unchecked(nextSequence + (uint)payload);
        Segments++;
        CoalescedPackets++;

        // Nothing may follow a short segment or one that pushes (the kernel's GRO flushes there too).
        if ((flags & TcpPsh) != 0)
        {
            super[ipHeaderLength + TcpFlagsOffset] |= TcpPsh;
            closed = true;
        }

        if (payload < segmentSize)
        {
            closed = true;
        }

        return true;
    }

    /// <summary>
    /// Finishes a run of two or more packets: IP length (and IPv4 header checksum), the TCP
    /// checksum field set to the pseudo-header sum as CHECKSUM_PARTIAL expects, and the
    /// virtio_net_hdr in front. The run is then over.
    /// </summary>
    /// <returns>The header and the super-packet, to be written with one write(2).</returns>
    internal ReadOnlySpan<byte> CompleteSuperPacket()
    {
        if (Segments < 2)
        {
            throw new InvalidOperationException("Only a run of two or more packets is a super-packet.");
        }

        Span<byte> super = frame.AsSpan(VirtioNetHeader.Size, copiedLength);
        bool ipv4 = super[0] >> 4 == 4;
        int tcpLength = copiedLength - ipHeaderLength;
        if (ipv4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(super[2..], (ushort)copiedLength);
            super[10] = 0;
            super[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(super[10..], InternetChecksum.Compute(super[..Ipv4HeaderLength]));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(super[4..], (ushort)tcpLength);
        }

        // Not complemented: the kernel adds the sum from csum_start to the end and complements.
        ushort pseudo = (ushort)~InternetChecksum.Finish(PseudoHeaderSum(super, ipHeaderLength, tcpLength));
        BinaryPrimitives.WriteUInt16BigEndian(super[(ipHeaderLength + TcpChecksumOffset)..], pseudo);

        new VirtioNetHeader(
            VirtioNetHeader.NeedsChecksum,
            ipv4 ? VirtioNetHeader.GsoTcpV4 : VirtioNetHeader.GsoTcpV6,
            (ushort)headersLength,
            (ushort)segmentSize,
            (ushort)ipHeaderLength,
            TcpChecksumOffset).Write(frame);

        SuperPackets++;
        int length = VirtioNetHeader.Size + copiedLength;
        Reset();
        return frame.AsSpan(0, length);
    }

    /// <summary>Ends the run without writing it (after a one-packet run was written from <see cref="HeldPacket"/>).</summary>
    internal void Reset()
    {
        Segments = 0;
        heldBuffer = null;
        copiedLength = 0;
        closed = false;
    }

    /// <summary>The IP and TCP header lengths of a TCP segment that a run may hold, or false.</summary>
    private static bool TryReadShape(ReadOnlySpan<byte> packet, out int ipHeader, out int headers)
    {
        ipHeader = 0;
        headers = 0;
        if (packet.Length < Ipv4HeaderLength + 20 || packet.Length > MaximumPacketLength)
        {
            return false;
        }

        if (packet[0] == 0x45)
        {
            // No options, TCP, no fragment: MF clear and offset zero (DF and the reserved bit are compared between segments).
            if (packet[9] != TcpProtocol || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != packet.Length
                || (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0)
            {
                return false;
            }

            ipHeader = Ipv4HeaderLength;
        }
        else if (packet[0] >> 4 == 6)
        {
            if (packet.Length < Ipv6HeaderLength + 20 || packet[6] != TcpProtocol
                || BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != packet.Length - Ipv6HeaderLength)
            {
                return false;
            }

            ipHeader = Ipv6HeaderLength;
        }
        else
        {
            return false;
        }

        headers = ipHeader + ((packet[ipHeader + 12] >> 4) * 4);
        return headers >= ipHeader + 20 && headers <= packet.Length;
    }

    /// <summary>Whether <paramref name="packet"/> is the next segment of the run whose first packet's headers <paramref name="head"/> holds.</summary>
    private bool Continues(ReadOnlySpan<byte> head, ReadOnlySpan<byte> packet)
    {
        if (ipHeaderLength == Ipv4HeaderLength)
        {
            // Version and header length, TOS; flags (DF) and fragment offset; TTL and protocol; addresses.
            if (packet[0] != head[0] || packet[1] != head[1] || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != packet.Length
                || packet[6] != head[6] || packet[7] != head[7] || packet[8] != head[8] || packet[9] != head[9]
                || !packet[12..20].SequenceEqual(head[12..20]))
            {
                return false;
            }
        }
        else
        {
            // Version, traffic class and flow label; next header and hop limit; addresses.
            if (!packet[..4].SequenceEqual(head[..4]) || BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != packet.Length - Ipv6HeaderLength
                || packet[6] != head[6] || packet[7] != head[7] || !packet[8..40].SequenceEqual(head[8..40]))
            {
                return false;
            }
        }

        ReadOnlySpan<byte> tcp = packet[ipHeaderLength..];
        ReadOnlySpan<byte> headTcp = head[ipHeaderLength..];

        // Ports; then acknowledgment number, header length, window; then the options. The flags
        // byte between them is checked by the caller, the checksum and urgent pointer not at all.
        return BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]) == nextSequence
            && tcp[..4].SequenceEqual(headTcp[..4])
            && tcp[8..13].SequenceEqual(headTcp[8..13])
            && tcp[14..16].SequenceEqual(headTcp[14..16])
            && tcp[20..(headersLength - ipHeaderLength)].SequenceEqual(headTcp[20..(headersLength - ipHeaderLength)]);
    }

    private static bool TcpChecksumValid(ReadOnlySpan<byte> packet, int ipHeader)
    {
        int tcpLength = packet.Length - ipHeader;
        return InternetChecksum.Finish(InternetChecksum.Add(PseudoHeaderSum(packet, ipHeader, tcpLength), packet[ipHeader..])) == 0;
    }

    /// <summary>Source and destination address, protocol TCP and the TCP length, not folded.</summary>
    private static ulong PseudoHeaderSum(ReadOnlySpan<byte> packet, int ipHeader, int tcpLength)
    {
        ReadOnlySpan<byte> addresses = ipHeader == Ipv4HeaderLength ? packet[12..20] : packet[8..40];
        return InternetChecksum.Add((ulong)TcpProtocol + (uint)tcpLength, addresses);
    }
}
