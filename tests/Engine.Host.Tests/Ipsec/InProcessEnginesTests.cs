using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Engine.DataPlane.Abstractions;
using Engine.Host.Tests.Ipsec.Support;
using Engine.Ike.Events;
using static Engine.Host.Tests.Ipsec.Support.ModelPolicy;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// Two (or three) whole engines in one process, from the policy model down to ESP, on an
/// in-memory network and a fake clock: a packet written into one host's TUN device makes the data
/// plane ask for an SA, IKE runs main mode and quick mode, the held packet comes out of the other
/// host's TUN device decrypted, and the reply finds its way back.
/// </summary>
public sealed class InProcessEnginesTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.2")]
    [InlineData("2001:db8::1", "2001:db8::2")]
    public async Task Transport_mode_with_a_pre_shared_key_carries_the_held_first_packet_and_the_reply(string addressA, string addressB)
    {
        await using var lab = new IpsecLab();
        var a = lab.AddHost("a", [addressA]);
        var b = lab.AddHost("b", [addressB]);
        var policy = new ModelPolicy().Negotiate("Partner", [Filter("Me", addressB)]);
        a.Apply(policy.CompileFor(addressA), policy.Secrets);
        var reverse = new ModelPolicy().Negotiate("Partner", [Filter("Me", addressA)]);
        b.Apply(reverse.CompileFor(addressB), reverse.Secrets);

        var request = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(100, 1));
        a.Tun.Inject(request);
        lab.Pump();

        lab.AssertHealthy();
        var acquire = Assert.Single(a.Acquires);
        Assert.Equal(a.Traps[0].EntryId, acquire.Entry.Id);
        Assert.Single(a.Events<MainModeEstablishedEvent>());
        Assert.Single(a.Events<QuickModeEstablishedEvent>());
        Assert.Equal(1, a.Statistics.PacketsHeld);
        Assert.Equal(1, a.Statistics.HeldPacketsSent);
        var arrived = Assert.Single(b.Tun.TakeWritten());
        AssertSamePacket(request, arrived);

        var reply = IpPackets.UdpPacket(b.Address, a.Address, 7, 40000, IpPackets.Payload(60, 2));
        b.Tun.Inject(reply);
        lab.Pump();

        AssertSamePacket(reply, Assert.Single(a.Tun.TakeWritten()));
        Assert.Empty(b.Acquires);
        Assert.Equal(2, lab.Network.Sent.Count(d => d.Kind == DatagramEndpointKind.Esp));
        Assert.DoesNotContain(lab.Network.Sent, d => Contains(d.Payload, IpPackets.Payload(100, 1)) || Contains(d.Payload, IpPackets.Payload(60, 2)));
    }

    [Fact]
    public async Task Tunnel_mode_between_gateways_carries_subnet_traffic_unchanged_both_ways()
    {
        await using var lab = new IpsecLab();
        var a = lab.AddHost("a", ["192.0.2.1"]);
        var b = lab.AddHost("b", ["192.0.2.2"]);
        var siteA = SiteToSite("10.1.0.0/24", "10.2.0.0/24", "192.0.2.1", "192.0.2.2");
        a.Apply(siteA.CompileFor("192.0.2.1"), siteA.Secrets);
        var siteB = SiteToSite("10.2.0.0/24", "10.1.0.0/24", "192.0.2.2", "192.0.2.1");
        b.Apply(siteB.CompileFor("192.0.2.2"), siteB.Secrets);

        var request = IpPackets.UdpPacket(IPAddress.Parse("10.1.0.10"), IPAddress.Parse("10.2.0.20"), 40000, 53, IpPackets.Payload(80, 3));
        a.Tun.Inject(request);
        lab.Pump();

        lab.AssertHealthy();
        var established = Assert.Single(a.Events<QuickModeEstablishedEvent>());
        Assert.Equal(Engine.Ike.Kernel.IpsecMode.Tunnel, established.Mode);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), established.Remote.Address);
        Assert.Equal(IkeSelector.ForSubnet(IPAddress.Parse("10.1.0.0"), 24), established.LocalTrafficSelector);
        Assert.Equal(IkeSelector.ForSubnet(IPAddress.Parse("10.2.0.0"), 24), established.RemoteTrafficSelector);
        Assert.Equal(Convert.ToHexString(request), Convert.ToHexString(Assert.Single(b.Tun.TakeWritten())));

        var reply = IpPackets.UdpPacket(IPAddress.Parse("10.2.0.20"), IPAddress.Parse("10.1.0.10"), 53, 40000, IpPackets.Payload(40, 4));
        b.Tun.Inject(reply);
        lab.Pump();

        Assert.Equal(Convert.ToHexString(reply), Convert.ToHexString(Assert.Single(a.Tun.TakeWritten())));
        Assert.Empty(b.Acquires);
        var esp = lab.Network.Sent.Where(d => d.Kind == DatagramEndpointKind.Esp).ToList();
        Assert.Equal(2, esp.Count);
        Assert.All(esp, d => Assert.True(d.Source.Address.Equals(IPAddress.Parse("192.0.2.1")) || d.Source.Address.Equals(IPAddress.Parse("192.0.2.2"))));
        Assert.Equal(1, a.Statistics.ActiveTunnels);
    }

    [Fact]
    public async Task An_any_filter_gives_each_peer_its_own_reqid_and_sas()
    {
        await using var lab = new IpsecLab();
        var (a, b, c) = OneHostTwoPeers(lab);

        var toB = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(50, 5));
        var toC = IpPackets.UdpPacket(a.Address, c.Address, 40000, 7, IpPackets.Payload(50, 6));
        a.Tun.Inject(toB);
        a.Tun.Inject(toC);
        lab.Pump();

        lab.AssertHealthy();
        Assert.Equal(2, a.Acquires.Count);
        Assert.Equal(2, a.Events<QuickModeEstablishedEvent>().Count);
        AssertSamePacket(toB, Assert.Single(b.Tun.TakeWritten()));
        AssertSamePacket(toC, Assert.Single(c.Tun.TakeWritten()));

        var outbound = a.DataPlane.GetSas().Where(sa => sa.Direction == Engine.DataPlane.Sa.SaDirection.Outbound).ToList();
        Assert.Equal(2, outbound.Count);
        var reqIdToB = outbound.Single(sa => sa.PeerEndPoint.Address.Equals(b.Address)).ReqId;
        var reqIdToC = outbound.Single(sa => sa.PeerEndPoint.Address.Equals(c.Address)).ReqId;
        Assert.NotEqual(reqIdToB, reqIdToC);
        Assert.DoesNotContain(a.Traps, trap => trap.EntryId == reqIdToB || trap.EntryId == reqIdToC);
        Assert.All(a.DataPlane.GetSas(), sa => Assert.Equal(sa.PeerEndPoint.Address.Equals(b.Address) ? reqIdToB : reqIdToC, sa.ReqId));

        // One instance entry per conversation, just above the trap that covers both.
        var trap = a.Traps.Single(t => t.Policy.Local.IsHost);
        var instances = a.DataPlane.GetPolicies().Where(p => p.Id == reqIdToB || p.Id == reqIdToC).ToList();
        Assert.Equal(2, instances.Count);
        Assert.All(instances, entry => Assert.Equal(2 * trap.Index, entry.Priority));
        Assert.Equal(2 * trap.Index + 1, a.DataPlane.GetPolicies().Single(p => p.Id == trap.EntryId).Priority);

        // Replies from each peer come back through their own SAs.
        b.Tun.Inject(IpPackets.UdpPacket(b.Address, a.Address, 7, 40000, IpPackets.Payload(20, 7)));
        c.Tun.Inject(IpPackets.UdpPacket(c.Address, a.Address, 7, 40000, IpPackets.Payload(20, 8)));
        lab.Pump();
        Assert.Equal([b.Address, c.Address], a.Tun.TakeWritten().Select(p => IpPackets.Source(p)).OrderBy(x => x.ToString()));
    }

    [Fact]
    public async Task Packets_held_under_the_trap_for_a_second_peer_stay_held_until_its_own_sa_arrives()
    {
        await using var lab = new IpsecLab();
        var (a, b, c) = OneHostTwoPeers(lab);
        lab.Network.Isolate(c.Address);

        var toB = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(50, 9));
        var toC = IpPackets.UdpPacket(a.Address, c.Address, 40000, 7, IpPackets.Payload(50, 10));
        a.Tun.Inject(toC);
        a.Tun.Inject(toB);
        lab.Pump();

        AssertSamePacket(toB, Assert.Single(b.Tun.TakeWritten()));
        Assert.Single(a.Events<QuickModeEstablishedEvent>());
        Assert.Equal(2, a.Statistics.PacketsHeld);
        Assert.Equal(1, a.Statistics.HeldPacketsSent);
        Assert.Equal(0, a.Statistics.HeldPacketsDropped);
        Assert.Empty(c.Tun.TakeWritten());

        lab.Network.Reconnect(c.Address);
        lab.Pump();

        lab.AssertHealthy();
        AssertSamePacket(toC, Assert.Single(c.Tun.TakeWritten()));
        Assert.Equal(2, a.Statistics.HeldPacketsSent);
        Assert.Equal(0, a.Statistics.HeldPacketsDropped);
        Assert.Empty(b.Tun.TakeWritten());
    }

    [Fact]
    public async Task Rekeying_under_traffic_on_the_fake_clock_loses_no_packet()
    {
        await using var lab = new IpsecLab();
        var (a, b) = TransportPair(lab, "ESP[AES128,SHA256]:100000k/300s");
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();
        Assert.Single(b.Tun.TakeWritten());
        var first = Assert.Single(a.Ike!.GetQuickModeSas()).Id;

        // Past two lifetimes of 300 s, a packet each way every 5 s: every one must arrive.
        for (var step = 1; step <= 130; step++)
        {
            lab.Advance(TimeSpan.FromSeconds(5));
            var forward = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(30, step));
            var backward = IpPackets.UdpPacket(b.Address, a.Address, 7, 40000, IpPackets.Payload(30, step + 1000));
            a.Tun.Inject(forward);
            b.Tun.Inject(backward);
            lab.Pump();
            AssertSamePacket(forward, Assert.Single(b.Tun.TakeWritten()));
            AssertSamePacket(backward, Assert.Single(a.Tun.TakeWritten()));
        }

        lab.AssertHealthy();
        Assert.True(a.Events<QuickModeEstablishedEvent>().Count + b.Events<QuickModeEstablishedEvent>().Count >= 4, "at least two rekeys");
        Assert.Contains(a.Events<QuickModeEndedEvent>().Concat(b.Events<QuickModeEndedEvent>()), e => e.Reason == SaEndReason.Rekeyed);
        Assert.DoesNotContain(a.Events<QuickModeEndedEvent>().Concat(b.Events<QuickModeEndedEvent>()), e => e.Reason == SaEndReason.Expired);
        Assert.NotEqual(first, Assert.Single(a.Ike.GetQuickModeSas()).Id);
        Assert.Single(a.Acquires);
        Assert.Empty(b.Acquires);
        Assert.Equal(0, a.Statistics.DroppedWhileAcquiring + b.Statistics.DroppedWhileAcquiring);
        Assert.Equal(0, a.Statistics.BadSpiPackets + b.Statistics.BadSpiPackets);

        // The conversation kept one instance entry (one reqid) through every rekey.
        Assert.Equal(a.Traps.Count + 1, a.DataPlane.GetPolicies().Count);
        Assert.Single(a.DataPlane.GetSas().Select(sa => sa.ReqId).Distinct());
    }

    [Fact]
    public async Task Deleting_a_quick_mode_removes_its_sas_on_both_sides_and_the_next_packet_negotiates_again()
    {
        await using var lab = new IpsecLab();
        var (a, b) = TransportPair(lab);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();
        Assert.Single(b.Tun.TakeWritten());
        lab.Advance(TimeSpan.FromSeconds(30));

        Assert.True(a.Ike!.DeleteQuickModeSa(Assert.Single(a.Ike.GetQuickModeSas()).Id));
        lab.Pump();

        foreach (var host in new[] { a, b })
        {
            Assert.Empty(host.Ike!.GetQuickModeSas());
            Assert.Empty(host.Kernel.InstalledSas());
            Assert.Empty(host.DataPlane.GetSas());
            Assert.Equal(host.Traps.Select(t => t.EntryId).Order(), host.DataPlane.GetPolicies().Select(p => p.Id).Order());
        }

        Assert.Contains(b.Events<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.DeletedByPeer);
        Assert.Single(a.Ike.GetMainModeSas());

        var again = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 1));
        a.Tun.Inject(again);
        lab.Pump();

        lab.AssertHealthy();
        Assert.Equal(2, a.Acquires.Count);
        Assert.Single(a.Events<MainModeEstablishedEvent>()); // the quick mode ran on the main mode that was still there
        Assert.Equal(2, a.Events<QuickModeEstablishedEvent>().Count);
        AssertSamePacket(again, Assert.Single(b.Tun.TakeWritten()));
    }

    [Fact]
    public async Task A_quick_mode_deleted_soon_after_it_came_up_is_negotiated_again_by_the_next_packet()
    {
        await using var lab = new IpsecLab();
        var (a, b) = TransportPair(lab);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();
        Assert.Single(b.Tun.TakeWritten());

        // Within the data plane's acquire retry interval (10 s) of the first acquire.
        lab.Advance(TimeSpan.FromSeconds(2));
        b.Ike!.DeleteQuickModeSa(Assert.Single(b.Ike.GetQuickModeSas()).Id);
        lab.Pump();
        Assert.Empty(a.DataPlane.GetSas());

        var again = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 1));
        a.Tun.Inject(again);
        lab.Pump();

        lab.AssertHealthy();
        Assert.Equal(2, a.Acquires.Count);
        AssertSamePacket(again, Assert.Single(b.Tun.TakeWritten()));
    }

    [Fact]
    public async Task A_failed_negotiation_blocks_the_traffic_for_the_block_time_then_it_is_negotiated_again()
    {
        await using var lab = new IpsecLab();
        var a = lab.AddHost("a", ["192.0.2.1"]);
        var b = lab.AddHost("b", ["192.0.2.2"]);
        var policyA = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.2")]);
        a.Apply(policyA.CompileFor("192.0.2.1"), policyA.Secrets);
        var wrongKey = new ModelPolicy(key: "not the same key").Negotiate("Partner", [Filter("Me", "192.0.2.1")]);
        b.Apply(wrongKey.CompileFor("192.0.2.2"), wrongKey.Secrets);

        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();

        var failure = Assert.Single(a.Events<NegotiationFailedEvent>());
        Assert.Equal(NegotiationFailureReason.AuthenticationFailed, failure.Reason);
        Assert.Contains(a.Audit.Records, r => r.Id == 547);
        Assert.True(a.Outcomes.IsBlocked(a.Address, b.Address));
        Assert.True(b.Outcomes.IsBlocked(b.Address, a.Address)); // the side that refused blocks too

        // Meanwhile the traffic is discarded without asking IKE again.
        lab.Advance(TimeSpan.FromSeconds(59));
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 1)));
        lab.Pump();
        Assert.Single(a.Acquires);
        Assert.Equal(1, a.Statistics.OutboundDiscarded);
        Assert.Equal(1, a.Statistics.HeldPacketsDropped); // the first packet waited for an SA that never came

        // The administrator fixes the key; once the block time is over the next packet negotiates.
        var rightKey = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.1")]);
        b.Apply(rightKey.CompileFor("192.0.2.2"), rightKey.Secrets);
        lab.Advance(TimeSpan.FromSeconds(1));
        Assert.False(a.Outcomes.IsBlocked(a.Address, b.Address));
        Assert.DoesNotContain(a.DataPlane.GetPolicies(), entry => entry.Action == Engine.DataPlane.Spd.SpdAction.Discard);

        var after = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 2));
        a.Tun.Inject(after);
        lab.Pump();

        lab.AssertHealthy();
        Assert.Equal(2, a.Acquires.Count);
        Assert.Single(a.Events<QuickModeEstablishedEvent>());
        AssertSamePacket(after, Assert.Single(b.Tun.TakeWritten()));
    }

    [Fact]
    public async Task A_soft_filter_whose_peer_does_not_answer_falls_back_to_clear()
    {
        await using var lab = new IpsecLab();
        var a = lab.AddHost("a", ["192.0.2.1"]);
        var server = new ModelPolicy("Server").Negotiate("All IP", [Filter("Me", "Any")], inpass: true, soft: true);
        a.Apply(server.CompileFor("192.0.2.1"), server.Secrets);
        a.Outcomes.FallbackToClearSeconds = 3;
        var silent = IPAddress.Parse("192.0.2.9"); // no IKE there

        a.Tun.Inject(IpPackets.UdpPacket(a.Address, silent, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();
        lab.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(a.Outcomes.SoftSas());

        lab.Advance(TimeSpan.FromSeconds(1));
        var soft = Assert.Single(a.Outcomes.SoftSas());
        Assert.Equal(IkeSelector.ForHost(silent), soft.Remote);

        // IKE gives up on the peer after its retransmissions (165 s); the soft SA, not a block, decides for the traffic.
        lab.Advance(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2));
        Assert.Contains(a.Events<NegotiationFailedEvent>(), e => e.Reason == NegotiationFailureReason.NoResponse);
        Assert.False(a.Outcomes.IsBlocked(a.Address, silent));
        Assert.Single(a.Outcomes.SoftSas());
        Assert.True(lab.Network.Undeliverable > 0);
        lab.AssertHealthy();
    }

    [Fact]
    public async Task Behind_a_nat_ike_floats_to_4500_and_esp_travels_in_udp_both_ways()
    {
        await using var lab = new IpsecLab();
        var publicAddress = IPAddress.Parse("198.51.100.1");
        var a = lab.AddHost("a", ["10.0.0.5"]);
        var b = lab.AddHost("b", ["192.0.2.2"]);
        lab.Network.AddNat(a.Address, publicAddress);
        var policyA = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.2")]);
        a.Apply(policyA.CompileFor("10.0.0.5"), policyA.Secrets);
        var policyB = new ModelPolicy("Clients").Negotiate("Clients", [Filter("Me", "Any")]);
        b.Apply(policyB.CompileFor("192.0.2.2"), policyB.Secrets);

        var request = IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(100, 1));
        a.Tun.Inject(request);
        lab.Pump();

        lab.AssertHealthy();
        var established = Assert.Single(b.Events<QuickModeEstablishedEvent>());
        Assert.True(established.UdpEncapsulated);
        Assert.Equal(publicAddress, established.Remote.Address);
        Assert.Equal(4500, established.Local.Port);

        // B sees the packet from the NAT's public address, its UDP checksum fixed for it (NAT-OA).
        var arrived = Assert.Single(b.Tun.TakeWritten());
        Assert.Equal(publicAddress, IpPackets.Source(arrived));
        Assert.Equal(b.Address, IpPackets.Destination(arrived));
        Assert.Equal(Convert.ToHexString(IpPackets.UpperLayer(request)[8..]), Convert.ToHexString(IpPackets.UpperLayer(arrived)[8..]));
        Assert.True(IpPackets.UdpChecksumValid(arrived));

        // B answers the public address; the reply reaches A through the NAT mapping of its port 4500.
        var reply = IpPackets.UdpPacket(b.Address, publicAddress, 7, 40000, IpPackets.Payload(60, 2));
        b.Tun.Inject(reply);
        lab.Pump();

        var back = Assert.Single(a.Tun.TakeWritten());
        Assert.Equal(b.Address, IpPackets.Source(back));
        Assert.Equal(a.Address, IpPackets.Destination(back));
        Assert.Equal(Convert.ToHexString(IpPackets.UpperLayer(reply)[8..]), Convert.ToHexString(IpPackets.UpperLayer(back)[8..]));
        Assert.True(IpPackets.UdpChecksumValid(back));
        Assert.Empty(b.Acquires);

        // B's conversation is kept by the outer addresses, as its packets show them (one instance, no trap of its own).
        var instance = Assert.Single(b.DataPlane.GetPolicies(), entry => b.Traps.All(trap => trap.EntryId != entry.Id));
        Assert.True(instance.Selector.RemoteAddresses.Contains(publicAddress));
        Assert.Equal(0, lab.Network.DroppedByNat);
        Assert.Equal(2, lab.Network.Sent.Count(d => d.Kind == DatagramEndpointKind.NatTraversal && d.Payload.Length > 8 && d.Payload.AsSpan(0, 4).IndexOfAnyExcept((byte)0) >= 0));
        Assert.True(b.Statistics.IkeDatagramsReceived > 0, "IKE on 4500 reached B through its data plane's NAT-T socket");
    }

    [Fact]
    public async Task A_pair_of_sas_idle_for_idle_sa_seconds_is_deleted_on_both_sides()
    {
        await using var lab = new IpsecLab();
        var (a, b) = TransportPair(lab, idleSeconds: 300);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();
        Assert.Single(b.Tun.TakeWritten());

        lab.Advance(TimeSpan.FromSeconds(290), TimeSpan.FromSeconds(5));
        Assert.Single(a.Ike!.GetQuickModeSas());

        lab.Advance(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5));
        lab.AssertHealthy();
        Assert.Empty(a.Ike.GetQuickModeSas());
        Assert.Empty(b.Ike!.GetQuickModeSas());
        Assert.Empty(a.DataPlane.GetSas());
        Assert.Empty(b.DataPlane.GetSas());
        Assert.Contains(a.Events<QuickModeEndedEvent>().Concat(b.Events<QuickModeEndedEvent>()), e => e.Reason == SaEndReason.DeletedLocally);
    }

    [Fact]
    public async Task Traffic_in_one_direction_keeps_the_pair_of_sas_from_going_idle()
    {
        await using var lab = new IpsecLab();
        var (a, b) = TransportPair(lab, idleSeconds: 300);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        lab.Pump();
        Assert.Single(b.Tun.TakeWritten());
        var child = Assert.Single(a.Ike!.GetQuickModeSas()).Id;

        // A streams to B (say, syslog) and B never answers: each side has one SA that carries nothing.
        for (var minute = 1; minute <= 12; minute++)
        {
            lab.Advance(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
            a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 514, IpPackets.Payload(30, minute)));
            lab.Pump();
            Assert.Single(b.Tun.TakeWritten());
        }

        lab.AssertHealthy();
        Assert.Equal(child, Assert.Single(a.Ike.GetQuickModeSas()).Id);
        Assert.Single(b.Ike!.GetQuickModeSas());
        Assert.Empty(a.Events<QuickModeEndedEvent>());
    }

    [Fact]
    public async Task A_new_policy_keeps_the_sas_it_still_covers_and_deletes_the_others_on_both_sides()
    {
        await using var lab = new IpsecLab();
        var (a, b, c) = OneHostTwoPeers(lab);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 0)));
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, c.Address, 40000, 7, IpPackets.Payload(10, 1)));
        lab.Pump();
        Assert.Equal(2, a.Ike!.GetQuickModeSas().Count);
        Assert.Single(b.Tun.TakeWritten());
        Assert.Single(c.Tun.TakeWritten());

        // Sync-IpSecPolicy after the administrator narrowed "All IP" to B alone.
        var onlyB = new ModelPolicy("Secure all").Negotiate("Only B", [Filter("Me", "192.0.2.2")]);
        a.Apply(onlyB.CompileFor("192.0.2.1"), onlyB.Secrets);
        lab.Pump();

        lab.AssertHealthy();
        var kept = Assert.Single(a.Ike.GetQuickModeSas());
        Assert.Equal(b.Address, kept.Remote.Address);
        Assert.Single(b.Ike!.GetQuickModeSas());
        Assert.Empty(c.Ike!.GetQuickModeSas());
        Assert.Empty(c.DataPlane.GetSas());
        Assert.Contains(c.Events<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.DeletedByPeer);
        Assert.Contains(a.Events<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.PolicyChanged);

        // The kept conversation's instance ranks under the new trap; traffic to C is no longer the engine's.
        var trap = a.Traps.Single(t => t.Policy.Local.Equals(IkeSelector.ForHost(a.Address)));
        var reqId = a.DataPlane.GetSas().Select(sa => sa.ReqId).Distinct().Single();
        Assert.Equal(2 * trap.Index, a.DataPlane.GetPolicies().Single(entry => entry.Id == reqId).Priority);
        Assert.Equal(a.Traps.Count + 1, a.DataPlane.GetPolicies().Count);
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, c.Address, 40000, 7, IpPackets.Payload(10, 2)));
        a.Tun.Inject(IpPackets.UdpPacket(a.Address, b.Address, 40000, 7, IpPackets.Payload(10, 3)));
        lab.Pump();
        Assert.Equal(1, a.Statistics.OutboundWithoutPolicy);
        Assert.Single(b.Tun.TakeWritten());
        Assert.Empty(c.Tun.TakeWritten());
    }

    private static ModelPolicy SiteToSite(string localSubnet, string remoteSubnet, string localGateway, string remoteGateway) =>
        new ModelPolicy("Site-to-site")
            .Negotiate("Outbound", [Filter(localSubnet, remoteSubnet, mirrored: false)], "ESP[AESGCM256,None]", tunnelEndpoint: remoteGateway, pfs: true)
            .Negotiate("Inbound", [Filter(remoteSubnet, localSubnet, mirrored: false)], "ESP[AESGCM256,None]", tunnelEndpoint: localGateway, pfs: true);

    private static (IpsecStack A, IpsecStack B) TransportPair(IpsecLab lab, string securityMethod = "ESP[AES128,SHA256]:100000k/3600s", int idleSeconds = 0)
    {
        var a = lab.AddHost("a", ["192.0.2.1"]);
        var b = lab.AddHost("b", ["192.0.2.2"]);
        a.Kernel.IdleTimeout = b.Kernel.IdleTimeout = TimeSpan.FromSeconds(idleSeconds);
        var policyA = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.2")], securityMethod);
        a.Apply(policyA.CompileFor("192.0.2.1"), policyA.Secrets);
        var policyB = new ModelPolicy().Negotiate("Partner", [Filter("Me", "192.0.2.1")], securityMethod);
        b.Apply(policyB.CompileFor("192.0.2.2"), policyB.Secrets);
        return (a, b);
    }

    /// <summary>A secures all its traffic (Me to Any); B and C each secure their traffic with A.</summary>
    private static (IpsecStack A, IpsecStack B, IpsecStack C) OneHostTwoPeers(IpsecLab lab)
    {
        var a = lab.AddHost("a", ["192.0.2.1"]);
        var b = lab.AddHost("b", ["192.0.2.2"]);
        var c = lab.AddHost("c", ["192.0.2.3"]);
        var all = new ModelPolicy("Secure all").Negotiate("All IP", [Filter("Me", "Any")]);
        a.Apply(all.CompileFor("192.0.2.1"), all.Secrets);
        foreach (var peer in new[] { b, c })
        {
            var policy = new ModelPolicy().Negotiate("A", [Filter("Me", "192.0.2.1")]);
            peer.Apply(policy.CompileFor(peer.Address.ToString()), policy.Secrets);
        }

        return (a, b, c);
    }

    /// <summary>Transport mode rebuilds the IP header on the way in: the addresses and everything above IP arrive unchanged.</summary>
    private static void AssertSamePacket(byte[] sent, byte[] received)
    {
        Assert.Equal(IpPackets.Source(sent), IpPackets.Source(received));
        Assert.Equal(IpPackets.Destination(sent), IpPackets.Destination(received));
        Assert.Equal(Convert.ToHexString(IpPackets.UpperLayer(sent)), Convert.ToHexString(IpPackets.UpperLayer(received)));
        Assert.True(IpPackets.UdpChecksumValid(received));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
