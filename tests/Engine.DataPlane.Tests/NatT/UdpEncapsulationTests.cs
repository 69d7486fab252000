using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ip;
using Engine.DataPlane.NatT;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.NatT;

public sealed class UdpEncapsulationTests
{
    [Theory]
    [InlineData("ff", "Keepalive")]
    [InlineData("00000000", "Ike")]
    [InlineData("00000000deadbeef", "Ike")]
    [InlineData("0000000100000001", "Esp")]
    [InlineData("", "Malformed")]
    [InlineData("fe", "Malformed")]
    [InlineData("ffff", "Malformed")]
    [InlineData("00000001000000", "Malformed")]
    public void Sorts_port_4500_datagrams(string hex, string kind) =>
        Assert.Equal(Enum.Parse<NatTraversalPayloadKind>(kind), UdpEncapsulation.Classify(Hex.Bytes(hex)));

    [Fact]
    public void The_keepalive_is_one_ff_byte() => Assert.Equal([0xFF], NatKeepalive.Datagram.ToArray());

    [Theory]
    [InlineData("10.0.0.5", "192.0.2.1", 17)]
    [InlineData("fd00::5", "2001:db8::1", 17)]
    [InlineData("10.0.0.5", "192.0.2.1", 6)]
    [InlineData("fd00::5", "2001:db8::1", 58)]
    public void Recomputed_checksums_fit_the_new_addresses(string original, string translated, byte protocol)
    {
        var destination = IPAddress.Parse(original.Contains(':') ? "2001:db8::2" : "192.0.2.2");
        var packet = protocol switch
        {
            6 => TestPackets.Tcp(IPAddress.Parse(original), destination, 1000, 2000, TestPackets.Payload(301)),
            17 => TestPackets.Udp(IPAddress.Parse(original), destination, 1000, 2000, TestPackets.Payload(301)),
            _ => TestPackets.Ip(IPAddress.Parse(original), destination, 58, [128, 0, 0, 0, 0, 1, 0, 1, 7, 7, 7]),
        };
        var headerLength = original.Contains(':') ? 40 : 20;
        IPAddress.Parse(translated).TryWriteBytes(packet.AsSpan(original.Contains(':') ? 8 : 12), out _);
        if (headerLength == 20)
        {
            packet[10] = packet[11] = 0;
            var checksum = InternetChecksum.Compute(packet.AsSpan(0, 20));
            packet[10] = (byte)(checksum >> 8);
            packet[11] = (byte)checksum;
        }

        var family = headerLength == 20 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        TransportChecksumFixup.Apply(packet.AsSpan(headerLength), family, IpAddressBits.From(IPAddress.Parse(translated)),
            IpAddressBits.From(destination), protocol);

        Assert.True(TestPackets.TransportChecksumValid(packet));
    }

    [Fact]
    public void An_ipv4_udp_checksum_of_zero_stays_zero()
    {
        var packet = TestPackets.Udp(IPAddress.Parse("10.0.0.5"), IPAddress.Parse("192.0.2.2"), 1, 2, [1, 2, 3]);
        packet[26] = packet[27] = 0;
        TransportChecksumFixup.Apply(packet.AsSpan(20), AddressFamily.InterNetwork, IpAddressBits.From(IPAddress.Parse("192.0.2.1")),
            IpAddressBits.From(IPAddress.Parse("192.0.2.2")), 17);
        Assert.Equal(0, packet[26] | packet[27]);
    }
}
