using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Operations;

namespace IpSecPolicy.Model.Tests.Operations;

public sealed class TunnelEndpointTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("None")]
    [InlineData("none")]
    public void No_endpoint_means_transport_mode(string? text) => Assert.Null(TunnelEndpoint.Parse(text));

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("2001:db8:1::7")]
    public void An_ipv4_or_ipv6_unicast_address_is_an_endpoint(string text) =>
        Assert.Equal(IPAddress.Parse(text), TunnelEndpoint.Parse(text));

    [Theory]
    [InlineData("gateway.example.com")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.0/8")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.5")]
    [InlineData("ff02::1")]
    public void Anything_else_is_an_invalid_address(string text)
    {
        var error = Assert.Throws<PolicyException>(() => TunnelEndpoint.Parse(text));

        Assert.Equal(ErrorIds.InvalidAddress, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.InvalidArgument, error.Category);
    }
}
