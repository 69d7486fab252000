using Engine.Ike.Encoding;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

public sealed class NatTraversalFramingTests
{
    [Theory]
    [InlineData("ff", UdpEncapsulatedDatagramKind.NatKeepalive)]
    [InlineData("00 00 00 00  11 22 33 44", UdpEncapsulatedDatagramKind.Ike)]
    [InlineData("00 00 00 00", UdpEncapsulatedDatagramKind.Ike)]
    [InlineData("c0 ff ee 01  00 00 00 01", UdpEncapsulatedDatagramKind.Esp)]
    [InlineData("00 00 00 01  00 00 00 01  aa bb", UdpEncapsulatedDatagramKind.Esp)]
    [InlineData("c0 ff ee 01  00 00 00", UdpEncapsulatedDatagramKind.Invalid)]
    [InlineData("00", UdpEncapsulatedDatagramKind.Invalid)]
    [InlineData("ff ff", UdpEncapsulatedDatagramKind.Invalid)]
    [InlineData("", UdpEncapsulatedDatagramKind.Invalid)]
    public void Classifies_port_4500_datagrams(string hex, UdpEncapsulatedDatagramKind kind)
    {
        Assert.Equal(kind, NatTraversalFraming.Classify(Hex.Parse(hex)));
    }

    [Fact]
    public void Adds_and_removes_the_non_esp_marker()
    {
        var ike = WindowsMainModeMessage1.Bytes;
        var datagram = NatTraversalFraming.AddNonEspMarker(ike);
        Assert.Equal("00000000", Hex.Format(datagram.AsSpan(0, 4)));
        Assert.Equal(UdpEncapsulatedDatagramKind.Ike, NatTraversalFraming.Classify(datagram));
        Assert.True(NatTraversalFraming.TryRemoveNonEspMarker(datagram, out var unwrapped));
        Assert.Equal(Hex.Format(ike), Hex.Format(unwrapped));
        Assert.True(IsakmpMessage.TryParse(unwrapped, out _));

        Assert.False(NatTraversalFraming.TryRemoveNonEspMarker(Hex.Parse("c0 ff ee 01 00 00 00 01"), out _));
        Assert.False(NatTraversalFraming.TryRemoveNonEspMarker(Hex.Parse("00 00"), out _));
        Assert.Throws<ArgumentException>(() => NatTraversalFraming.AddNonEspMarker(ike, new byte[ike.Length]));
    }
}
