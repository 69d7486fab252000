using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ah;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Ah;

/// <summary>AH's layout, and what its ICV covers: immutable header fields yes, mutable ones (RFC 4302 section 3.3.3.1) no.</summary>
public sealed class AhTests
{
    [Theory]
    [InlineData(12, AddressFamily.InterNetwork, 24)]
    [InlineData(12, AddressFamily.InterNetworkV6, 24)]
    [InlineData(16, AddressFamily.InterNetwork, 28)]
    [InlineData(16, AddressFamily.InterNetworkV6, 32)]
    [InlineData(24, AddressFamily.InterNetworkV6, 40)]
    [InlineData(32, AddressFamily.InterNetworkV6, 48)]
    public void Header_length_is_aligned_per_family(int icvSize, AddressFamily family, int length) =>
        Assert.Equal(length, AhLayout.Length(icvSize, family));

    [Theory]
    [InlineData("ah/sha1", AddressFamily.InterNetwork, 4)]
    [InlineData("ah/sha256", AddressFamily.InterNetwork, 5)]
    [InlineData("ah/sha256", AddressFamily.InterNetworkV6, 6)]
    public void The_header_carries_next_header_length_spi_and_sequence(string transform, AddressFamily family, int payloadLengthField)
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.Named(transform) }.With(IpsecMode.Transport, family, false));
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(5));
        scenario.Pump();

        var ah = scenario.A.AhBind.Sent.Single().Datagram;
        Assert.Equal(17, ah[0]);
        Assert.Equal(payloadLengthField, ah[1]);
        Assert.Equal(0, ah[2] | ah[3]);
        Assert.Equal(BackToBack.SpiAToB, BinaryPrimitives.ReadUInt32BigEndian(ah.AsSpan(4)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(ah.AsSpan(8)));
        Assert.Single(scenario.B.Tun.TakeWritten());
    }

    [Fact]
    public void Mutable_ipv4_fields_may_change_in_transit()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AhSha1 }.With(IpsecMode.Tunnel, AddressFamily.InterNetwork, false));
        scenario.Network.Interceptor = _ => null;
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(40));
        scenario.Pump();
        var ah = scenario.A.AhBind.Sent.Single().Datagram;

        // TOS, flags and fragment offset, TTL and checksum all differ from what the sender assumed.
        var packet = new byte[20 + ah.Length];
        OuterHeaders.WriteIp(packet, scenario.A.Outer, scenario.B.Outer, 51, ah.Length, identification: 0, hopLimit: 3);
        packet[1] = 0xB8;
        packet[6] = 0;
        ah.CopyTo(packet, 20);
        scenario.B.AhBind.Deliver(packet, new IPEndPoint(scenario.A.Outer, 0));
        scenario.Pump();

        Assert.Single(scenario.B.Tun.TakeWritten());
    }

    [Theory]
    [InlineData("identification")]
    [InlineData("source")]
    public void Immutable_ipv4_fields_may_not(string field)
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AhSha256 }.With(IpsecMode.Tunnel, AddressFamily.InterNetwork, false));
        scenario.Network.Interceptor = _ => null;
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(40));
        scenario.Pump();
        var ah = scenario.A.AhBind.Sent.Single().Datagram;

        var packet = new byte[20 + ah.Length];
        var source = field == "source" ? IPAddress.Parse("192.0.2.99") : scenario.A.Outer;
        OuterHeaders.WriteIp(packet, source, scenario.B.Outer, 51, ah.Length, identification: field == "identification" ? (ushort)7 : (ushort)0);
        ah.CopyTo(packet, 20);
        scenario.B.AhBind.Deliver(packet, new IPEndPoint(source, 0));
        scenario.Pump();

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Equal(1, scenario.B.Statistics.PacketsNotAuthenticated);
    }

    [Fact]
    public void Ipv4_options_are_refused_as_unsupported()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Transform = TestTransforms.AhSha1 }.With(IpsecMode.Tunnel, AddressFamily.InterNetwork, false));
        scenario.Network.Interceptor = _ => null;
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(40));
        scenario.Pump();
        var ah = scenario.A.AhBind.Sent.Single().Datagram;

        var packet = new byte[24 + ah.Length];
        OuterHeaders.WriteIp(packet, scenario.A.Outer, scenario.B.Outer, 51, ah.Length + 4);
        packet[0] = 0x46;
        ah.CopyTo(packet, 24);
        scenario.B.AhBind.Deliver(packet, new IPEndPoint(scenario.A.Outer, 0));
        scenario.Pump();

        Assert.Equal(1, scenario.B.Statistics.UnsupportedPackets);
    }
}
