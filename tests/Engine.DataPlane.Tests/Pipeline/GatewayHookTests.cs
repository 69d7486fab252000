using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>
/// The three hooks the VPN gateway needs (docs/vpn-gateway.md): an SA's decrypted packets to a sink
/// instead of the TUN device, sending through a chosen reqid's SA, and taking packets from the TUN
/// device before the policy lookup.
/// </summary>
public sealed class GatewayHookTests
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork, false)]
    [InlineData(AddressFamily.InterNetworkV6, true)]
    public void An_sa_with_a_sink_delivers_there_and_not_to_the_tun_device(AddressFamily family, bool udp)
    {
        var sink = new RecordingSink();
        using var scenario = BackToBack.Create(new ScenarioOptions { SinkAtB = sink }.With(IpsecMode.Transport, family, udp));
        var packets = Enumerable.Range(0, 3).Select(i => scenario.A.PacketToPeer(100 + i, (byte)i)).ToArray();
        foreach (var packet in packets)
        {
            scenario.A.Tun.Inject(packet);
        }

        scenario.Pump();

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Equal(3, sink.Packets.Count);
        for (var i = 0; i < packets.Length; i++)
        {
            Assert.Same(scenario.B.Inbound, sink.Packets[i].Sa);
            PacketAssert.Delivered(packets[i], sink.Packets[i].Packet, tunnel: false);
        }

        Assert.Equal(3, scenario.B.Statistics.PacketsReceived);
    }

    [Fact]
    public void Send_through_a_reqid_seals_with_its_current_sa_whatever_the_policy_says()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(IpsecMode.Transport, AddressFamily.InterNetwork, udp: true));
        var packet = scenario.B.PacketToPeer(200);
        scenario.B.Plane.RemovePolicy(1); // no policy entry: only the reqid says which SA

        Assert.True(scenario.B.Plane.SendThrough(BackToBack.ReqId, packet));
        Assert.False(scenario.B.Plane.SendThrough(BackToBack.ReqId + 1, packet));
        scenario.Pump();

        var delivered = Assert.Single(scenario.A.Tun.TakeWritten());
        PacketAssert.Delivered(packet, delivered, tunnel: false);
        Assert.Equal(1, scenario.B.Outbound!.Counters.Packets);
    }

    [Fact]
    public void The_outbound_sink_takes_what_it_wants_before_the_policy_and_leaves_the_rest()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(IpsecMode.Transport, AddressFamily.InterNetwork, udp: false));
        var taken = new List<byte[]>();
        var mine = scenario.A.PacketToPeer(64, seed: 1);
        scenario.A.Plane.OutboundSink = new TakingSink(packet => packet[19] == mine[19] && packet.Length == mine.Length, taken);

        scenario.A.Tun.Inject(mine);
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(65, seed: 2));
        scenario.Pump();

        Assert.Single(taken);
        Assert.Equal(mine, taken[0]);
        Assert.Single(scenario.B.Tun.TakeWritten()); // the other packet went the policy's way, secured
    }

    private sealed class RecordingSink : IDecryptedPacketSink
    {
        private readonly ConcurrentQueue<(SecurityAssociation Sa, byte[] Packet)> packets = new();

        public IReadOnlyList<(SecurityAssociation Sa, byte[] Packet)> Packets => packets.ToList();

        public void Deliver(SecurityAssociation sa, ReadOnlySpan<byte> packet) => packets.Enqueue((sa, packet.ToArray()));
    }

    private sealed class TakingSink(Func<byte[], bool> wants, List<byte[]> taken) : IOutboundPacketSink
    {
        public bool TryTake(ReadOnlySpan<byte> packet)
        {
            var copy = packet.ToArray();
            if (!wants(copy))
            {
                return false;
            }

            taken.Add(copy);
            return true;
        }
    }
}
