using System;
using System.Buffers.Binary;
using System.Net;
using Engine.DataPlane.Ip;
using Engine.Host.Vpn;

namespace Engine.Host.Tests.Vpn;

/// <summary>The IP/UDP framing of the gateway's L2TP datagrams: checksums that verify, round trips, refusals.</summary>
public sealed class UdpPacketTests
{
    [Theory]
    [InlineData("192.0.2.1", "198.51.100.7")]
    [InlineData("2001:db8::1", "2001:db8:1::7")]
    public void Written_headers_carry_checksums_that_verify_and_read_back(string from, string to)
    {
        var source = new IPEndPoint(IPAddress.Parse(from), 1701);
        var destination = new IPEndPoint(IPAddress.Parse(to), 4711);
        byte[] payload = [0xC8, 0x02, 0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x42];
        var headerLength = UdpPacket.HeaderLength(source.AddressFamily);
        var buffer = new byte[headerLength + payload.Length];
        payload.CopyTo(buffer, headerLength);

        var length = UdpPacket.WriteHeaders(buffer, source, destination, payload.Length);

        Assert.Equal(buffer.Length, length);
        var ipLength = headerLength - UdpPacket.UdpHeaderLength;
        if (source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            Assert.Equal(0, InternetChecksum.Compute(buffer.AsSpan(0, ipLength)));
        }

        // RFC 768: the sum over the pseudo-header and the whole datagram, checksum included, is all ones.
        var addresses = source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? buffer.AsSpan(12, 8) : buffer.AsSpan(8, 32);
        var sum = InternetChecksum.Add(InternetChecksum.Add(17UL + (ulong)(length - ipLength), addresses), buffer.AsSpan(ipLength));
        Assert.Equal(0, InternetChecksum.Finish(sum));

        Assert.True(UdpPacket.TryRead(buffer, out var view));
        Assert.Equal((source, destination), (view.Source, view.Destination));
        Assert.Equal(payload, buffer.AsSpan(view.PayloadOffset, view.PayloadLength).ToArray());
    }

    [Fact]
    public void Golden_ipv4_header_as_laid_out_by_rfc_791_and_768()
    {
        var buffer = new byte[UdpPacket.HeaderLength(System.Net.Sockets.AddressFamily.InterNetwork) + 2];
        buffer[^2] = 0xAB;
        buffer[^1] = 0xCD;
        UdpPacket.WriteHeaders(buffer, new IPEndPoint(IPAddress.Parse("10.0.0.1"), 1701), new IPEndPoint(IPAddress.Parse("10.0.0.2"), 1701), 2);

        // Version/IHL 45, total length 30, DF, TTL 64, protocol 17, header checksum 26CD (summed by
        // hand from these words); ports 1701 (06A5), UDP length 10, UDP checksum 32C0 (pseudo-header
        // 0A00+0001+0A00+0002+0011+000A plus the datagram, complemented).
        Assert.Equal(Convert.FromHexString("4500001E00004000401126CD0A0000010A00000206A506A5000A32C0ABCD"), buffer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("45")]
    [InlineData("4500001C00000000400600000A0000010A000002")] // TCP, not UDP
    [InlineData("4500001C00002000401100000A0000010A00000206A506A5000800")] // a fragment (MF set)
    [InlineData("4500001C00000000401100000A0000010A00000206A506A50020")] // UDP length beyond the packet
    public void Anything_but_a_whole_udp_packet_is_refused(string hex) =>
        Assert.False(UdpPacket.TryRead(Convert.FromHexString(hex), out _));
}
