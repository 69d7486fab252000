using System;
using System.Net;
using Engine.Platform.Linux.Nftables;

namespace Engine.Platform.Linux.Tests.Nftables;

public sealed class AddressMatchTests
{
    [Theory]
    [InlineData("10.1.2.3", 24, "10.1.2.0/24", "10.1.2.255")]
    [InlineData("10.1.2.3", 32, "10.1.2.3", "10.1.2.3")]
    [InlineData("10.1.2.3", 0, "0.0.0.0/0", "255.255.255.255")]
    [InlineData("fd00:1:2:3::9", 64, "fd00:1:2:3::/64", "fd00:1:2:3:ffff:ffff:ffff:ffff")]
    [InlineData("fd00::1", 127, "fd00::/127", "fd00::1")]
    public void PrefixesAreNormalisedToTheirNetwork(string address, int length, string expected, string last)
    {
        var match = AddressMatch.Prefix(IPAddress.Parse(address), length);

        Assert.Equal(expected, match.ToString());
        Assert.Equal(IPAddress.Parse(last), match.Last);
    }

    [Fact]
    public void ScopeIdsAreDropped()
    {
        Assert.Equal("fe80::1", AddressMatch.Host(IPAddress.Parse("fe80::1%2")).ToString());
    }

    [Fact]
    public void RangesMustBeOrderedAndOfOneFamily()
    {
        Assert.Equal("10.0.0.5-10.0.0.9", AddressMatch.Range(IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.9")).ToString());
        Assert.Throws<ArgumentException>(() => AddressMatch.Range(IPAddress.Parse("10.0.0.9"), IPAddress.Parse("10.0.0.5")));
        Assert.Throws<ArgumentException>(() => AddressMatch.Range(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("fd00::1")));
    }

    [Fact]
    public void PrefixLengthMustFitTheFamily()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressMatch.Prefix(IPAddress.Parse("10.0.0.0"), 33));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressMatch.Prefix(IPAddress.Parse("fd00::"), 129));
    }

    [Fact]
    public void PortRangesRenderAndRefuseToBeReversed()
    {
        Assert.Equal("443", PortRange.Single(443).ToString());
        Assert.Equal("1024-65535", new PortRange(1024, 65535).ToString());
        Assert.Throws<ArgumentException>(() => new PortRange(2, 1));
    }
}
