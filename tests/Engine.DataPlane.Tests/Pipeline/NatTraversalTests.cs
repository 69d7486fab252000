using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>UDP encapsulation behind a NAT: checksums, mapping changes, keepalives and the IKE side of port 4500.</summary>
public sealed class NatTraversalTests
{
    [Theory]
    [InlineData(IpsecMode.Transport, AddressFamily.InterNetwork)]
    [InlineData(IpsecMode.Transport, AddressFamily.InterNetworkV6)]
    [InlineData(IpsecMode.Tunnel, AddressFamily.InterNetwork)]
    public void Packets_cross_a_nat_both_ways_with_valid_checksums(IpsecMode mode, AddressFamily family)
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { NatInFrontOfA = true }.With(mode, family, udp: true));
        var toB = scenario.A.PacketToPeer(300);
        var tcpToB = TestPackets.Tcp(scenario.A.Inner, scenario.A.PeerApplicationAddress, 50000, 443, TestPackets.Payload(200));
        scenario.A.Tun.Inject(toB);
        scenario.A.Tun.Inject(tcpToB);
        var toA = scenario.B.PacketToPeer(400);
        scenario.B.Tun.Inject(toA);
        scenario.Pump();

        var tunnel = mode == IpsecMode.Tunnel;
        var atB = scenario.B.Tun.TakeWritten();
        PacketAssert.Delivered(toB, atB[0], tunnel, tunnel ? null : scenario.B.PeerApplicationAddress);
        PacketAssert.Delivered(tcpToB, atB[1], tunnel, tunnel ? null : scenario.B.PeerApplicationAddress);
        PacketAssert.Delivered(toA, scenario.A.Tun.TakeWritten().Single(), tunnel, expectedDestination: tunnel ? null : scenario.A.Outer);

        // B saw A only as the NAT's public endpoint.
        Assert.All(scenario.B.UdpBind.Sent, sent => Assert.Equal(31000, sent.Destination.Port));
        Assert.Empty(scenario.B.Events.Mappings);
    }

    [Fact]
    public void A_new_nat_mapping_is_reported_once_and_the_host_can_follow_it()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { NatInFrontOfA = true }.With(IpsecMode.Tunnel, AddressFamily.InterNetwork, udp: true));
        var rebound = new IPEndPoint(IPAddress.Parse("198.51.100.7"), 32000);
        scenario.Network.Nat(new IPEndPoint(scenario.A.Outer, 4500), rebound);
        for (var i = 0; i < 3; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        }

        scenario.Pump();

        Assert.Equal(3, scenario.B.Tun.TakeWritten().Count);
        var mapping = Assert.Single(scenario.B.Events.Mappings);
        Assert.Same(scenario.B.Inbound, mapping.Sa);
        Assert.Equal(rebound, mapping.Peer);

        scenario.B.Plane.UpdateSaPeer(scenario.B.Outbound!, mapping.Peer);
        scenario.B.Plane.UpdateSaPeer(scenario.B.Inbound!, mapping.Peer);
        scenario.B.Tun.Inject(scenario.B.PacketToPeer(10));
        scenario.Pump();
        Assert.Single(scenario.A.Tun.TakeWritten());
        Assert.Equal(32000, scenario.B.UdpBind.Sent[^1].Destination.Port);
        Assert.Equal(rebound, scenario.B.Outbound!.PeerEndPoint);
    }

    [Fact]
    public void Forged_packets_from_another_address_report_no_mapping()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { NatInFrontOfA = true }.With(IpsecMode.Tunnel, AddressFamily.InterNetwork, udp: true));
        var captured = Captured.On(scenario.Network);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        var datagram = captured.Datagrams.Single();
        datagram[^1] ^= 1;

        scenario.B.UdpBind.Deliver(datagram, new IPEndPoint(IPAddress.Parse("203.0.113.66"), 4500));
        scenario.Pump();

        Assert.Empty(scenario.B.Events.Mappings);
        Assert.Equal(1, scenario.B.Statistics.PacketsNotAuthenticated);
    }

    [Fact]
    public void The_side_behind_the_nat_sends_keepalives_when_idle()
    {
        var clock = new FakeTimeProvider();
        using var scenario = BackToBack.Create(new ScenarioOptions { NatInFrontOfA = true, SendNatKeepalivesFromA = true }
            .With(IpsecMode.Tunnel, AddressFamily.InterNetwork, udp: true), clock);

        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Empty(scenario.A.UdpBind.Sent);

        clock.Advance(TimeSpan.FromSeconds(1));
        var keepalive = Assert.Single(scenario.A.UdpBind.Sent);
        Assert.Equal([0xFF], keepalive.Datagram);
        Assert.Equal(new IPEndPoint(scenario.B.Outer, 4500), keepalive.Destination);
        scenario.Pump();
        Assert.Equal(1, scenario.B.Statistics.NatKeepalivesReceived);
        Assert.Equal(1, scenario.A.Statistics.NatKeepalivesSent);

        // Traffic within the interval makes a keepalive unnecessary.
        clock.Advance(TimeSpan.FromSeconds(15));
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, scenario.A.UdpBind.Sent.Count);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, scenario.A.UdpBind.Sent.Count);
        Assert.Empty(scenario.B.UdpBind.Sent);
    }

    [Fact]
    public void Ike_messages_after_the_non_esp_marker_go_to_the_ike_side()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(IpsecMode.Transport, AddressFamily.InterNetwork, udp: true));
        byte[] ike = [0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
        var from = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 4500);
        scenario.B.UdpBind.Deliver(ike, from);
        scenario.B.UdpBind.Deliver([0, 0, 0, 0], from);
        scenario.B.UdpBind.Deliver([0xFF], from);
        scenario.B.UdpBind.Deliver([1, 2, 3], from);
        scenario.Pump();

        var messages = scenario.B.Ike.Messages;
        Assert.Equal(2, messages.Count);
        Assert.Equal(ike[4..], messages[0].Message);
        Assert.Equal(from.Port, messages[0].Source.Port);
        Assert.Empty(messages[1].Message);
        Assert.Equal(2, scenario.B.Statistics.IkeDatagramsReceived);
        Assert.Equal(1, scenario.B.Statistics.NatKeepalivesReceived);
        Assert.Equal(1, scenario.B.Statistics.MalformedPackets);
    }
}
