using System.Net;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Selectors;

namespace Engine.Ike.Tests.Selectors;

public sealed class TrafficSelectorTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3", IdentificationType.Ipv4Address)]
    [InlineData("10.1.2.0", "10.1.2.255", IdentificationType.Ipv4AddressSubnet)]
    [InlineData("10.1.2.5", "10.1.2.9", IdentificationType.Ipv4AddressRange)]
    [InlineData("0.0.0.0", "255.255.255.255", IdentificationType.Ipv4AddressSubnet)]
    [InlineData("fd00::1", "fd00::1", IdentificationType.Ipv6Address)]
    [InlineData("fd00::", "fd00::ffff:ffff:ffff:ffff", IdentificationType.Ipv6AddressSubnet)]
    [InlineData("fd00::5", "fd00::9", IdentificationType.Ipv6AddressRange)]
    public void A_selector_round_trips_through_its_id_payload(string first, string last, IdentificationType type)
    {
        var selector = TrafficSelector.ForRange(IPAddress.Parse(first), IPAddress.Parse(last), 17, 1701);

        var id = selector.ToIdentification();

        Assert.Equal(type, id.IdType);
        Assert.Equal(17, id.Protocol);
        Assert.Equal(1701, id.Port);
        Assert.True(TrafficSelector.TryFromIdentification(IdentificationPayload.Parse(OutgoingBody(id)), out var back));
        Assert.Equal(selector, back);
    }

    [Fact]
    public void Names_and_non_contiguous_masks_name_no_traffic()
    {
        Assert.False(TrafficSelector.TryFromIdentification(IdentificationPayload.ForFqdn("host.example"), out _));
        var oddMask = new IdentificationPayload(IdentificationType.Ipv4AddressSubnet, 0, 0, [10, 0, 0, 0, 255, 0, 255, 0]);
        Assert.False(TrafficSelector.TryFromIdentification(oddMask, out _));
        var backwards = new IdentificationPayload(IdentificationType.Ipv4AddressRange, 0, 0, [10, 0, 0, 9, 10, 0, 0, 1]);
        Assert.False(TrafficSelector.TryFromIdentification(backwards, out _));
    }

    [Fact]
    public void Covering_needs_the_addresses_and_is_any_for_protocol_and_port_zero()
    {
        var subnet = TrafficSelector.ForSubnet(IPAddress.Parse("192.168.0.0"), 16);
        var host = TrafficSelector.ForHost(IPAddress.Parse("192.168.7.7"), 6, 443);

        Assert.True(subnet.Covers(host));
        Assert.False(host.Covers(subnet));
        Assert.False(TrafficSelector.ForSubnet(IPAddress.Parse("192.168.0.0"), 16, 17).Covers(host));
        Assert.False(TrafficSelector.ForSubnet(IPAddress.Parse("192.168.0.0"), 16, 6, 80).Covers(host));
        Assert.False(subnet.Covers(TrafficSelector.ForHost(IPAddress.Parse("fd00::1"))));
    }

    private static byte[] OutgoingBody(IdentificationPayload id) => Engine.Ike.TaskManagement.OutgoingMessage.BodyOf(id);
}
