using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Ip;

public sealed class IpPacketParserTests
{
    [Fact]
    public void Reads_an_ipv4_udp_packet()
    {
        var packet = TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1234, 53, [1, 2, 3]);
        Assert.True(IpPacketParser.TryParse(packet, out var fields));
        Assert.Equal(AddressFamily.InterNetwork, fields.Family);
        Assert.Equal((20, 31, (byte)17), (fields.HeaderLength, fields.TotalLength, fields.Protocol));
        Assert.Equal(((ushort)1234, (ushort)53, true), (fields.SourcePort, fields.DestinationPort, fields.PortsKnown));
        Assert.Equal(IpAddressBits.From(IPAddress.Parse("10.0.0.1")), fields.Source);
        Assert.False(fields.IsFragment);
        Assert.Equal(64, fields.HopLimit);
    }

    [Fact]
    public void Walks_ipv6_extension_headers_to_the_upper_layer()
    {
        var udp = TestPackets.Udp(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::2"), 5000, 6000, [9, 9])[40..];
        byte[] hopByHop = [60, 0, 1, 4, 0, 0, 0, 0];
        byte[] destination = [17, 0, 1, 4, 0, 0, 0, 0];
        var packet = TestPackets.Ip(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::2"), 0, [.. hopByHop, .. destination, .. udp]);

        Assert.True(IpPacketParser.TryParse(packet, out var fields));
        Assert.Equal((56, (byte)17, true), (fields.HeaderLength, fields.Protocol, fields.HasOptions));
        Assert.Equal(((ushort)5000, (ushort)6000), (fields.SourcePort, fields.DestinationPort));
    }

    [Fact]
    public void Non_initial_fragments_have_opaque_ports()
    {
        var packet = TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, 2, new byte[40]);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), 0x0005);
        Assert.True(IpPacketParser.TryParse(packet, out var fields));
        Assert.True(fields.IsFragment);
        Assert.False(fields.PortsKnown);

        byte[] fragment = [17, 0, 0, 0x08, 0, 0, 0, 1];
        var v6 = TestPackets.Ip(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::2"), 44, [.. fragment, .. new byte[16]]);
        Assert.True(IpPacketParser.TryParse(v6, out var v6Fields));
        Assert.True(v6Fields.IsFragment);
        Assert.False(v6Fields.PortsKnown);
    }

    [Theory]
    [InlineData("")]
    [InlineData("45")]
    [InlineData("4500001c")]
    [InlineData("46000014000000004011000000000000000000000000")]
    [InlineData("4500ffff000000004011000000000000000000000000")]
    [InlineData("4f000014000000004011000000000000000000000000")]
    [InlineData("7000000000000000")]
    public void Refuses_what_is_not_a_whole_packet(string hex) => Assert.False(IpPacketParser.TryParse(Hex.Bytes(hex), out _));

    [Fact]
    public void Refuses_an_ipv6_chain_that_runs_off_the_end_and_jumbograms()
    {
        var runsOff = TestPackets.Ip(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::2"), 0, [17, 5, 0, 0, 0, 0, 0, 0]);
        Assert.False(IpPacketParser.TryParse(runsOff, out _));

        var jumbo = TestPackets.Ip(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::2"), 17, new byte[8]);
        jumbo[4] = 0;
        jumbo[5] = 0;
        Assert.False(IpPacketParser.TryParse(jumbo, out _));
    }

    [Fact]
    public void Trailing_bytes_beyond_the_total_length_are_ignored()
    {
        var packet = TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, 2, [1]);
        Assert.True(IpPacketParser.TryParse([.. packet, 0xEE, 0xEE], out var fields));
        Assert.Equal(packet.Length, fields.TotalLength);
    }

    [Fact]
    public void Internet_checksum_matches_rfc_1071_example()
    {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, checksum 220d.
        Assert.Equal(0x220d, InternetChecksum.Compute(Hex.Bytes("0001f203f4f5f6f7")));
        Assert.Equal(InternetChecksum.Compute(Hex.Bytes("0001f203f4f5f600")), InternetChecksum.Compute(Hex.Bytes("0001f203f4f5f6")));
    }
}
