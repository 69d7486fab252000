using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Engine.Platform.Linux.Tests.Infrastructure;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Tests.Tun;

/// <summary>
/// Generic receive offload in userspace: golden segments (checksums from an independent RFC 1071
/// word loop) coalesced into super-packets whose virtio_net_hdr and headers are checked field by
/// field, split again by <see cref="TcpSegmentation"/> into the very segments they came from, and
/// every rule that keeps a segment out of a run.
/// </summary>
public sealed class TcpCoalescerTests
{
    private const byte Fin = 0x01;
    private const byte Syn = 0x02;
    private const byte Rst = 0x04;
    private const byte Psh = 0x08;
    private const byte Ack = 0x10;
    private const byte Urg = 0x20;
    private const byte Ece = 0x40;
    private const byte Cwr = 0x80;
    private const uint FirstSequence = 0xFFFF_F000; // wraps within a run

    [Theory]
    [InlineData(false, 4, 1348, 1348, true)]  // full segments, PSH on the last
    [InlineData(false, 5, 1000, 321, false)]  // the last one shorter
    [InlineData(true, 3, 1328, 1328, true)]
    [InlineData(true, 2, 1200, 1, true)]
    public void InOrderSegmentsBecomeOneSuperPacketThatSplitsBackIntoThem(bool ipv6, int count, int size, int lastSize, bool pushLast)
    {
        var segments = Enumerable.Range(0, count)
            .Select(i => i < count - 1
                ? Segment(ipv6, i, size, Ack)
                : Segment(ipv6, i, lastSize, pushLast ? (byte)(Ack | Psh) : Ack, sequenceOffset: i * (size - lastSize)))
            .ToArray();
        var coalescer = new TcpCoalescer();

        Assert.True(TcpCoalescer.IsCandidate(segments[0]));
        coalescer.Start(segments[0], 0, segments[0].Length);
        for (int i = 1; i < count; i++)
        {
            Assert.True(coalescer.TryAppend(segments[i]), $"segment {i}");
        }

        Assert.Equal(count, coalescer.Segments);
        byte[] frame = coalescer.CompleteSuperPacket().ToArray();
        Assert.Equal(0, coalescer.Segments);

        int ipHeader = ipv6 ? 40 : 20;
        int headers = ipHeader + 32;
        var header = VirtioNetHeader.Read(frame);
        Assert.Equal(VirtioNetHeader.NeedsChecksum, header.Flags);
        Assert.Equal(ipv6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4, header.GsoType);
        Assert.Equal(headers, header.HeaderLength);
        Assert.Equal(size, header.GsoSize);
        Assert.Equal(ipHeader, header.ChecksumStart);
        Assert.Equal(16, header.ChecksumOffset);

        byte[] super = frame[VirtioNetHeader.Size..];
        int payload = ((count - 1) * size) + lastSize;
        Assert.Equal(headers + payload, super.Length);
        if (ipv6)
        {
            Assert.Equal(super.Length - 40, BinaryPrimitives.ReadUInt16BigEndian(super.AsSpan(4)));
        }
        else
        {
            Assert.Equal(super.Length, BinaryPrimitives.ReadUInt16BigEndian(super.AsSpan(2)));
            Assert.Equal(0x2000, BinaryPrimitives.ReadUInt16BigEndian(super.AsSpan(4))); // the first segment's identification
            Assert.Equal(0xFFFF, ReferenceChecksum.Sum(super.AsSpan(0, 20), 0));
        }

        // CHECKSUM_PARTIAL: the field holds the pseudo-header sum over the whole TCP length, folded, not complemented.
        Assert.Equal(ReferenceChecksum.Fold(ReferenceChecksum.PseudoHeaderSum(super, ipv6, super.Length - ipHeader)), BinaryPrimitives.ReadUInt16BigEndian(super.AsSpan(ipHeader + 16)));
        Assert.Equal(pushLast ? Ack | Psh : Ack, super[ipHeader + 13]);
        Assert.Equal(FirstSequence, BinaryPrimitives.ReadUInt32BigEndian(super.AsSpan(ipHeader + 4)));
        Assert.Equal(segments.SelectMany(s => s[headers..]).ToArray(), super[headers..]);

        // What the kernel would do when it has to segment it again (forwarding): the original segments, byte for byte.
        Assert.True(TcpSegmentation.TryDescribe(super, header, out SegmentLayout layout));
        Assert.Equal(count, layout.SegmentCount);
        for (int i = 0; i < count; i++)
        {
            var output = new byte[2048];
            int length = TcpSegmentation.WriteSegment(super, layout, i, output);
            Assert.Equal(segments[i], output[..length]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OneSegmentAloneIsHeldByReference(bool ipv6)
    {
        byte[] segment = Segment(ipv6, 0, 500, Ack);
        var buffer = new byte[segment.Length + 100];
        segment.CopyTo(buffer, 64);
        var coalescer = new TcpCoalescer();

        coalescer.Start(buffer, 64, segment.Length);

        Assert.Equal(1, coalescer.Segments);
        Assert.Equal(segment, coalescer.HeldPacket.ToArray());
        Assert.Throws<InvalidOperationException>(() => coalescer.CompleteSuperPacket());
        coalescer.Reset();
        Assert.Equal(0, coalescer.Segments);
        Assert.False(coalescer.TryAppend(Segment(ipv6, 1, 500, Ack))); // no run to continue
    }

    public static TheoryData<string, bool> Breakers()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in new[]
        {
            "gap", "repeat", "source port", "destination port", "source address", "destination address", "ack", "window",
            "options", "header length", "larger", "fin", "syn", "rst", "urg", "ece", "cwr", "no ack", "empty", "bad checksum",
            "traffic class", "hop limit",
        })
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        foreach (var name in new[] { "don't fragment", "fragment", "ip options", "ipv4 identification only" })
        {
            data.Add(name, false);
        }

        data.Add("flow label", true);
        data.Add("extension header", true);
        return data;
    }

    /// <summary>Each difference the kernel's GRO would not merge keeps the segment out of the run (or, for the IPv4 identification, does not).</summary>
    [Theory]
    [MemberData(nameof(Breakers))]
    public void SegmentThatDiffersIsNotAppended(string difference, bool ipv6)
    {
        byte[] first = Segment(ipv6, 0, 1000, Ack);
        byte[] second = Segment(ipv6, 1, 1000, Ack);
        int ip = ipv6 ? 40 : 20;
        bool expected = false;
        switch (difference)
        {
            case "gap": second = Segment(ipv6, 1, 1000, Ack, sequenceOffset: 1); break;
            case "repeat": second = Segment(ipv6, 0, 1000, Ack); break;
            case "source port": second[ip + 1] ^= 1; break;
            case "destination port": second[ip + 3] ^= 1; break;
            case "source address": second[ipv6 ? 23 : 15] ^= 4; break;
            case "destination address": second[ipv6 ? 39 : 19] ^= 4; break;
            case "ack": second[ip + 11] ^= 1; break;
            case "window": second[ip + 15] ^= 1; break;
            case "options": second[ip + 27] ^= 1; break; // the timestamp value
            case "header length": second = Segment(ipv6, 1, 1000, Ack, timestamps: false); break;
            case "larger": second = Segment(ipv6, 1, 1001, Ack, sequenceOffset: -1); break; // in sequence, but longer than the first
            case "fin": second[ip + 13] |= Fin; break;
            case "syn": second[ip + 13] |= Syn; break;
            case "rst": second[ip + 13] |= Rst; break;
            case "urg": second[ip + 13] |= Urg; break;
            case "ece": second[ip + 13] |= Ece; break;
            case "cwr": second[ip + 13] |= Cwr; break;
            case "no ack": second[ip + 13] = Psh; break;
            case "empty": second = Segment(ipv6, 1, 0, Ack); break;
            case "bad checksum": second[^1] ^= 0x55; Reseal(second, ipv6, tcpChecksum: false); break;
            case "traffic class": second[1] ^= ipv6 ? (byte)0x10 : (byte)0x04; break;
            case "hop limit": second[ipv6 ? 7 : 8]--; break;
            case "don't fragment": second[6] &= 0xBF; break;
            case "fragment": second[6] |= 0x20; break; // more fragments
            case "ip options": second = Segment(false, 1, 1000, Ack, ipv4Options: true); break;
            case "ipv4 identification only": second[5] ^= 0x7F; expected = true; break;
            case "flow label": second[3] ^= 1; break;
            case "extension header": second = Segment(true, 1, 1000, Ack, hopByHop: true); break;
            default: throw new ArgumentException(difference);
        }

        Reseal(second, ipv6, tcpChecksum: difference != "bad checksum");
        var coalescer = new TcpCoalescer();
        coalescer.Start(first, 0, first.Length);

        Assert.Equal(expected, coalescer.TryAppend(second));
        Assert.Equal(expected ? 2 : 1, coalescer.Segments);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FirstSegmentWithABadChecksumIsNotCoalesced(bool ipv6)
    {
        byte[] first = Segment(ipv6, 0, 1000, Ack);
        first[^3] ^= 0x10;
        var coalescer = new TcpCoalescer();
        Assert.True(TcpCoalescer.IsCandidate(first)); // checked only when a second segment comes
        coalescer.Start(first, 0, first.Length);

        Assert.False(coalescer.TryAppend(Segment(ipv6, 1, 1000, Ack)));
        Assert.Equal(first, coalescer.HeldPacket.ToArray()); // written alone, for the host to drop
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NothingFollowsAPushOrAShortSegment(bool ipv6)
    {
        var coalescer = new TcpCoalescer();
        byte[] first = Segment(ipv6, 0, 1000, Ack);
        coalescer.Start(first, 0, first.Length);
        Assert.True(coalescer.TryAppend(Segment(ipv6, 1, 1000, Ack | Psh)));
        Assert.False(coalescer.TryAppend(Segment(ipv6, 2, 1000, Ack)));

        coalescer.Reset();
        coalescer.Start(first, 0, first.Length);
        Assert.True(coalescer.TryAppend(Segment(ipv6, 1, 999, Ack, sequenceOffset: 1)));
        Assert.False(coalescer.TryAppend(Segment(ipv6, 1, 1, Ack, sequenceOffset: 1998))); // in sequence after the short one
        Assert.Equal(2, coalescer.Segments);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnlyPlainAcknowledgingSegmentsWithPayloadStartARun(bool ipv6)
    {
        Assert.True(TcpCoalescer.IsCandidate(Segment(ipv6, 0, 10, Ack)));
        Assert.False(TcpCoalescer.IsCandidate(Segment(ipv6, 0, 10, Ack | Psh))); // would end its own run
        Assert.False(TcpCoalescer.IsCandidate(Segment(ipv6, 0, 0, Ack)));        // a pure acknowledgment
        Assert.False(TcpCoalescer.IsCandidate(Segment(ipv6, 0, 10, Ack | Fin)));
        Assert.False(TcpCoalescer.IsCandidate(Segment(ipv6, 0, 10, Syn)));
        Assert.False(TcpCoalescer.IsCandidate(Segment(ipv6, 0, 10, Ack)[..^1]));  // length disagrees with the IP header
        byte[] udp = Segment(ipv6, 0, 10, Ack);
        udp[ipv6 ? 6 : 9] = 17;
        Assert.False(TcpCoalescer.IsCandidate(udp));
        Assert.False(TcpCoalescer.IsCandidate(new byte[] { 0x45, 0, 0, 4 }));
        Assert.False(TcpCoalescer.IsCandidate([]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SuperPacketStaysWithin64Kilobytes(bool ipv6)
    {
        const int size = 1400;
        var coalescer = new TcpCoalescer();
        byte[] first = Segment(ipv6, 0, size, Ack);
        coalescer.Start(first, 0, first.Length);
        int index = 1;
        while (coalescer.TryAppend(Segment(ipv6, index, size, Ack)))
        {
            index++;
        }

        int headers = (ipv6 ? 40 : 20) + 32;
        Assert.Equal((65535 - headers) / size, index); // one more would pass 65,535 bytes
        Assert.True(coalescer.CompleteSuperPacket().Length - VirtioNetHeader.Size <= 65535);
    }

    /// <summary>Start, append, complete over and over: nothing per packet reaches the heap.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CoalescingAllocatesNothing(bool ipv6)
    {
        byte[][] segments = Enumerable.Range(0, 40).Select(i => Segment(ipv6, i, 1300, Ack)).ToArray();
        var coalescer = new TcpCoalescer();
        int total = 0;
        void Round()
        {
            coalescer.Start(segments[0], 0, segments[0].Length);
            for (int i = 1; i < segments.Length; i++)
            {
                coalescer.TryAppend(segments[i]);
            }

            total += coalescer.CompleteSuperPacket().Length;
            coalescer.Start(segments[0], 0, segments[0].Length);
            coalescer.TryAppend(segments[5]); // not the next: refused
            total += coalescer.HeldPacket.Length;
            coalescer.Reset();
        }

        for (int i = 0; i < 200; i++)
        {
            Round();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            Round();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 2000, $"{allocated} bytes over {2000 * segments.Length} segments");
        Assert.True(total > 0);
    }

    /// <summary>
    /// Segment <paramref name="index"/> of a flow whose segments carry <paramref name="payloadLength"/>
    /// bytes each (before it, all full-size segments of that length), with valid checksums.
    /// </summary>
    private static byte[] Segment(bool ipv6, int index, int payloadLength, byte flags, int sequenceOffset = 0, bool timestamps = true,
        bool ipv4Options = false, bool hopByHop = false)
    {
        int ipHeader = ipv6 ? (hopByHop ? 48 : 40) : (ipv4Options ? 24 : 20);
        int tcpHeader = timestamps ? 32 : 20;
        var packet = new byte[ipHeader + tcpHeader + payloadLength];
        if (ipv6)
        {
            packet[0] = 0x60;
            packet[1] = 0x20; // traffic class 2
            packet[2] = 0x0A; // flow label 0xA1234
            packet[3] = 0x34;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(packet.Length - 40));
            packet[6] = hopByHop ? (byte)0 : (byte)6;
            packet[7] = 61;
            packet[8] = 0x20;
            packet[9] = 0x01;
            packet[10] = 0x0d;
            packet[11] = 0xb8;
            packet[23] = 1;
            packet[24] = 0x20;
            packet[25] = 0x01;
            packet[26] = 0x0d;
            packet[27] = 0xb8;
            packet[39] = 2;
            if (hopByHop)
            {
                packet[40] = 6; // next header TCP, length 0 (8 bytes), PadN
                packet[42] = 1;
                packet[43] = 4;
            }
        }
        else
        {
            packet[0] = ipv4Options ? (byte)0x46 : (byte)0x45;
            packet[1] = 0x08;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(0x2000 + index));
            packet[6] = 0x40; // don't fragment
            packet[8] = 63;
            packet[9] = 6;
            packet[12] = 192;
            packet[13] = 0;
            packet[14] = 2;
            packet[15] = 1;
            packet[16] = 192;
            packet[17] = 0;
            packet[18] = 2;
            packet[19] = 2;
            if (ipv4Options)
            {
                packet[20] = 1; // NOP, NOP, NOP, end of options
                packet[21] = 1;
                packet[22] = 1;
            }
        }

        Span<byte> tcp = packet.AsSpan(ipHeader);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 5201);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 41000);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], unchecked(FirstSequence + (uint)(index * payloadLength) + (uint)sequenceOffset));
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], 0x01020304);
        tcp[12] = (byte)((tcpHeader / 4) << 4);
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 509);
        if (timestamps)
        {
            tcp[20] = 1;
            tcp[21] = 1;
            tcp[22] = 8;
            tcp[23] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(tcp[24..], 777777);
            BinaryPrimitives.WriteUInt32BigEndian(tcp[28..], 888888);
        }

        for (int i = 0; i < payloadLength; i++)
        {
            tcp[tcpHeader + i] = (byte)((index * 31) + (i * 7));
        }

        Reseal(packet, ipv6, tcpChecksum: true);
        return packet;
    }

    /// <summary>Recomputes the IPv4 header checksum and, unless told not to, the TCP checksum (after a test changed a field).</summary>
    private static void Reseal(byte[] packet, bool ipv6, bool tcpChecksum)
    {
        int ipHeader = ipv6 ? (packet[6] == 0 ? 48 : 40) : (packet[0] & 0x0F) * 4;
        if (!ipv6)
        {
            packet[10] = 0;
            packet[11] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~ReferenceChecksum.Sum(packet.AsSpan(0, ipHeader), 0));
        }

        if (tcpChecksum)
        {
            packet[ipHeader + 16] = 0;
            packet[ipHeader + 17] = 0;
            ulong pseudo = ReferenceChecksum.PseudoHeaderSum(packet, ipv6, packet.Length - ipHeader);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader + 16), (ushort)~ReferenceChecksum.Sum(packet.AsSpan(ipHeader), pseudo));
        }
    }
}
