using System.Net;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Spd;

public sealed class TrafficSelectorTests
{
    [Fact]
    public void Prefixes_ranges_and_hosts_contain_what_they_should()
    {
        var prefix = AddressRange.Prefix(IPAddress.Parse("10.77.0.99"), 24);
        Assert.Equal(IPAddress.Parse("10.77.0.0"), prefix.Start);
        Assert.Equal(IPAddress.Parse("10.77.0.255"), prefix.End);
        Assert.True(prefix.Contains(IPAddress.Parse("10.77.0.1")));
        Assert.False(prefix.Contains(IPAddress.Parse("10.77.1.0")));

        var range = AddressRange.Range(IPAddress.Parse("2001:db8::10"), IPAddress.Parse("2001:db8::20"));
        Assert.True(range.Contains(IPAddress.Parse("2001:db8::1a")));
        Assert.False(range.Contains(IPAddress.Parse("2001:db8::21")));

        Assert.True(AddressRange.Prefix(IPAddress.Parse("0.0.0.0"), 0).Contains(IPAddress.Parse("255.255.255.255")));
        Assert.True(AddressRange.Prefix(IPAddress.Parse("::"), 0).Contains(IPAddress.Parse("ffff::1")));
        Assert.True(AddressRange.Host(IPAddress.Parse("192.0.2.1")).Contains(IPAddress.Parse("192.0.2.1")));
        Assert.Equal("192.0.2.1", AddressRange.Host(IPAddress.Parse("192.0.2.1")).ToString());
    }

    [Fact]
    public void Families_do_not_mix()
    {
        var v4Packet = Fields(TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, 2, []));
        var anyV6 = TrafficSelector.Between(AddressRange.AnyIpv6, AddressRange.AnyIpv6);
        var anyV4 = TrafficSelector.Between(AddressRange.AnyIpv4, AddressRange.AnyIpv4);
        Assert.False(anyV6.MatchesOutbound(v4Packet));
        Assert.True(anyV4.MatchesOutbound(v4Packet));
        Assert.True(TrafficSelector.Any.MatchesOutbound(v4Packet));
    }

    [Fact]
    public void Invalid_ranges_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.Prefix(IPAddress.Parse("10.0.0.0"), 33));
        Assert.Throws<ArgumentException>(() => AddressRange.Range(IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.1")));
        Assert.Throws<ArgumentException>(() => AddressRange.Range(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("::1")));
        Assert.Throws<ArgumentException>(() => new PortRange(10, 9));
    }

    [Fact]
    public void Outbound_matches_source_as_local_and_inbound_the_reverse()
    {
        var selector = new TrafficSelector
        {
            LocalAddresses = AddressRange.Host(IPAddress.Parse("10.0.0.1")),
            RemoteAddresses = AddressRange.Prefix(IPAddress.Parse("10.9.0.0"), 16),
            Protocol = 17,
            LocalPorts = PortRange.Single(1701),
        };
        var outbound = Fields(TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.9.3.4"), 1701, 5555, []));
        var inbound = Fields(TestPackets.Udp(IPAddress.Parse("10.9.3.4"), IPAddress.Parse("10.0.0.1"), 5555, 1701, []));
        Assert.True(selector.MatchesOutbound(outbound));
        Assert.False(selector.MatchesOutbound(inbound));
        Assert.True(selector.MatchesInbound(inbound, checkAddresses: true));
        Assert.False(selector.MatchesInbound(outbound, checkAddresses: true));

        var otherPort = Fields(TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.9.3.4"), 1702, 5555, []));
        Assert.False(selector.MatchesOutbound(otherPort));
        var tcp = Fields(TestPackets.Tcp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.9.3.4"), 1701, 5555, []));
        Assert.False(selector.MatchesOutbound(tcp));
    }

    [Fact]
    public void Specific_ports_never_match_a_packet_without_ports()
    {
        var icmp = Fields(TestPackets.Ip(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, [8, 0, 0, 0, 0, 0, 0, 0]));
        Assert.False(new TrafficSelector { RemotePorts = PortRange.Single(7) }.MatchesOutbound(icmp));
        Assert.True(new TrafficSelector { Protocol = 1 }.MatchesOutbound(icmp));
    }

    private static IpPacketFields Fields(byte[] packet)
    {
        Assert.True(IpPacketParser.TryParse(packet, out var fields));
        return fields;
    }
}
