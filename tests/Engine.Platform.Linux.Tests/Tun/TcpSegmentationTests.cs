using System;
using System.Buffers.Binary;
using System.Linq;
using Engine.Platform.Linux.Tests.Infrastructure;
using Engine.Platform.Linux.Tun;

namespace Engine.Platform.Linux.Tests.Tun;

/// <summary>
/// Splitting TCP segmentation offload super-packets, checked against golden packets built here and
/// an independent RFC 1071 checksum (a plain 16-bit word loop, not the engine's InternetChecksum).
/// </summary>
public sealed class TcpSegmentationTests
{
    private const byte Fin = 0x01;
    private const byte Psh = 0x08;
    private const byte Ack = 0x10;
    private const byte Cwr = 0x80;

    [Theory]
    [InlineData(false, 3000, 1000)] // three full segments
    [InlineData(false, 2500, 1000)] // the last one shorter
    [InlineData(true, 4000, 1348)]
    [InlineData(true, 1, 1208)]     // one byte: one segment
    public void SuperPacketSplitsIntoValidSegments(bool ipv6, int payloadLength, int segmentSize)
    {
        byte[] payload = Enumerable.Range(0, payloadLength).Select(i => (byte)(i * 7 + 3)).ToArray();
        byte[] packet = SuperPacket(ipv6, payload, flags: (byte)(Ack | Psh | Fin | Cwr), sequence: 0xFFFF_FF00);
        int ipHeader = ipv6 ? 40 : 20;
        var header = new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, ipv6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4,
            (ushort)(ipHeader + 32), (ushort)segmentSize, (ushort)ipHeader, 16);

        Assert.True(TcpSegmentation.TryDescribe(packet, header, out SegmentLayout layout));
        int expectedCount = (payloadLength + segmentSize - 1) / segmentSize;
        Assert.Equal(expectedCount, layout.SegmentCount);

        var carried = new System.Collections.Generic.List<byte>();
        for (int i = 0; i < layout.SegmentCount; i++)
        {
            var output = new byte[2048];
            int length = TcpSegmentation.WriteSegment(packet, layout, i, output);
            int chunk = Math.Min(segmentSize, payloadLength - (i * segmentSize));
            Assert.Equal(ipHeader + 32 + chunk, length);
            byte[] segment = output[..length];
            if (ipv6)
            {
                Assert.Equal(length - 40, BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(4)));
            }
            else
            {
                Assert.Equal(length, BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(2)));
                Assert.Equal((ushort)(0x1000 + i), BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(4)));
                Assert.Equal(0xFFFF, ReferenceChecksum.Sum(segment.AsSpan(0, 20), 0)); // header checksum verifies
            }

            Span<byte> tcp = segment.AsSpan(ipHeader);
            Assert.Equal(unchecked(0xFFFF_FF00u + (uint)(i * segmentSize)), BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]));
            bool last = i == layout.SegmentCount - 1;
            Assert.Equal(last, (tcp[13] & Fin) != 0);
            Assert.Equal(last, (tcp[13] & Psh) != 0);
            Assert.Equal(i == 0, (tcp[13] & Cwr) != 0);
            Assert.True((tcp[13] & Ack) != 0);
            Assert.Equal(packet.AsSpan(ipHeader + 20, 12).ToArray(), tcp.Slice(20, 12).ToArray()); // options repeated
            Assert.Equal(0xFFFF, ReferenceChecksum.Sum(tcp, ReferenceChecksum.PseudoHeaderSum(segment, ipv6, tcp.Length)));   // TCP checksum verifies
            carried.AddRange(tcp[32..].ToArray());
        }

        Assert.Equal(payload, carried.ToArray());
    }

    [Fact]
    public void SegmentLargerThanTheOutputIsRefused()
    {
        byte[] packet = SuperPacket(false, new byte[3000], Ack, 1);
        var header = new VirtioNetHeader(1, VirtioNetHeader.GsoTcpV4, 52, 1400, 20, 16);
        Assert.True(TcpSegmentation.TryDescribe(packet, header, out SegmentLayout layout));
        Assert.Equal(-1, TcpSegmentation.WriteSegment(packet, layout, 0, new byte[1000]));
    }

    [Theory]
    [InlineData(3, 20, 16)]                                // UDP segmentation: never turned on
    [InlineData(VirtioNetHeader.GsoTcpV6, 20, 16)]         // IPv6 type for an IPv4 packet
    [InlineData(VirtioNetHeader.GsoTcpV4, 24, 16)]         // checksum start is not the TCP header
    [InlineData(VirtioNetHeader.GsoTcpV4, 20, 6)]          // checksum offset is not TCP's
    public void InconsistentHeadersAreRefused(byte gsoType, ushort checksumStart, ushort checksumOffset)
    {
        byte[] packet = SuperPacket(false, new byte[3000], Ack, 1);
        var header = new VirtioNetHeader(1, gsoType, 52, 1000, checksumStart, checksumOffset);
        Assert.False(TcpSegmentation.TryDescribe(packet, header, out _));
    }

    [Fact]
    public void TruncatedSuperPacketIsRefused()
    {
        byte[] packet = SuperPacket(false, new byte[3000], Ack, 1);
        var header = new VirtioNetHeader(1, VirtioNetHeader.GsoTcpV4, 52, 1000, 20, 16);
        Assert.False(TcpSegmentation.TryDescribe(packet.AsSpan(0, 2000), header, out _)); // IP total length says 3052
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PartialChecksumIsCompleted(bool ipv6)
    {
        // A UDP datagram as the kernel hands over CHECKSUM_PARTIAL: the checksum field holds the
        // folded pseudo-header sum, not complemented (udp4_hwcsum / udp6 send paths).
        int ipHeader = ipv6 ? 40 : 20;
        byte[] data = Enumerable.Range(0, 333).Select(i => (byte)(i * 13)).ToArray();
        byte[] packet = new byte[ipHeader + 8 + data.Length];
        WriteIpHeader(packet, ipv6, 17, packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader + 2), 53);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader + 4), (ushort)(8 + data.Length));
        data.CopyTo(packet, ipHeader + 8);
        ulong pseudo = ReferenceChecksum.PseudoHeaderSum(packet, ipv6, 8 + data.Length, protocol: 17);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(ipHeader + 6), ReferenceChecksum.Fold(pseudo));

        Assert.True(TcpSegmentation.CompleteChecksum(packet, ipHeader, 6));

        Assert.Equal(0xFFFF, ReferenceChecksum.Sum(packet.AsSpan(ipHeader), pseudo));
        Assert.False(TcpSegmentation.CompleteChecksum(packet, packet.Length - 4, 6));
    }

    [Fact]
    public void A_completed_checksum_of_zero_is_written_as_all_ones()
    {
        // Four bytes from the checksum's start: 0xFFFF, then the checksum field holding a pseudo-header
        // sum of 0. The one's complement sum is 0xFFFF, so the checksum computes to 0, which UDP would
        // read as "no checksum": it must go out as 0xFFFF (RFC 768; the kernel's skb_checksum_help).
        byte[] packet = [0xFF, 0xFF, 0x00, 0x00];

        Assert.True(TcpSegmentation.CompleteChecksum(packet, 0, 2));

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, packet);
    }

    private static byte[] SuperPacket(bool ipv6, byte[] payload, byte flags, uint sequence)
    {
        int ipHeader = ipv6 ? 40 : 20;
        var packet = new byte[ipHeader + 32 + payload.Length];
        WriteIpHeader(packet, ipv6, 6, packet.Length);
        Span<byte> tcp = packet.AsSpan(ipHeader);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 45000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5201);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], 0x0A0B0C0D);
        tcp[12] = 8 << 4;                     // 32-byte header: NOP, NOP, timestamps
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 502);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], 0x1234); // the partial sum the kernel left: replaced
        tcp[20] = 1;
        tcp[21] = 1;
        tcp[22] = 8;
        tcp[23] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(tcp[24..], 111111);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[28..], 222222);
        payload.CopyTo(tcp[32..]);
        return packet;
    }

    private static void WriteIpHeader(byte[] packet, bool ipv6, byte protocol, int totalLength)
    {
        if (ipv6)
        {
            packet[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(totalLength - 40));
            packet[6] = protocol;
            packet[7] = 64;
            packet[8] = 0xfd;
            packet[23] = 1;
            packet[24] = 0xfd;
            packet[39] = 2;
        }
        else
        {
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)totalLength);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1000);
            packet[6] = 0x40;
            packet[8] = 64;
            packet[9] = protocol;
            packet[10] = 0xAB; // stale, as in a super-packet: every segment gets its own
            packet[12] = 10;
            packet[15] = 1;
            packet[16] = 10;
            packet[19] = 2;
        }
    }
}
