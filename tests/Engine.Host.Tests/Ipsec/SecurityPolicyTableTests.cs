using System;
using System.Linq;
using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.Host.Ipsec;
using Engine.Host.Tests.Ipsec.Support;
using Engine.Ike.Kernel;
using static Engine.Host.Tests.Ipsec.Support.ModelPolicy;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// The data plane's policy entries as the policy table keeps them: a trap per negotiate filter,
/// an instance entry per conversation with SAs, ranked so that the compiler's most-specific-first
/// order holds, and the nftables rules told when a conversation needs rules of its own.
/// </summary>
public sealed class SecurityPolicyTableTests : IDisposable
{
    private const string Me = "192.0.2.10";
    private const string Partner = "198.51.100.7";
    private const string Stranger = "203.0.113.9";

    private readonly IpsecDataPlane dataPlane = new();
    private readonly SecurityPolicyTable table;
    private int changes;

    public SecurityPolicyTableTests()
    {
        table = new SecurityPolicyTable(dataPlane);
        table.ConversationsChanged += () => changes++;
    }

    public void Dispose() => dataPlane.Dispose();

    /// <summary>Partner traffic (one host) and everything else (Any), both required; compiled: the partner's two filters first.</summary>
    private static EnforcedPolicy PartnerAndAll(bool inpassForAll = false, bool softForAll = false) => EnforcedPolicy.From(
        new ModelPolicy()
            .Negotiate("All IP", [Filter("Me", "Any")], inpass: inpassForAll, soft: softForAll)
            .Negotiate("Partner", [Filter("Me", Partner)]),
        Me);

    [Fact]
    public void Each_negotiate_filter_is_a_holding_trap_ranked_at_twice_its_index_plus_one()
    {
        var policy = PartnerAndAll();
        table.SetTraps(policy.Traps);

        var entries = dataPlane.GetPolicies();
        Assert.Equal(4, entries.Count);
        foreach (var trap in policy.Traps)
        {
            var entry = entries.Single(e => e.Id == trap.EntryId);
            Assert.Equal(2 * trap.Index + 1, entry.Priority);
            Assert.Equal(trap.EntryId, entry.ReqId);
            Assert.True(entry.HoldPacketsWhileAcquiring);
            Assert.Equal(SpdAction.Protect, entry.Action);
            Assert.Equal(KernelSaTranslator.ToDataPlaneSelector(trap.Policy.Local, trap.Policy.Remote), entry.Selector);
            Assert.Same(trap, table.TrapFor(entry));
        }

        // Most specific first: the partner's filters come before Any.
        Assert.Equal(IkeSelector.ForHost(IPAddress.Parse(Partner)), policy.Traps[0].Policy.Remote);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_conversation_gets_one_instance_entry_below_the_trap_that_covers_it()
    {
        var policy = PartnerAndAll();
        table.SetTraps(policy.Traps);
        var (inbound, outbound) = KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000);

        int reqId = table.Register(inbound);
        Assert.Equal(reqId, table.Register(outbound));

        var allTrap = policy.Traps.Single(t => t.Policy.Local.IsHost && t.Policy.Remote.PrefixLength == 0);
        var instance = dataPlane.GetPolicies().Single(e => e.Id == reqId);
        Assert.DoesNotContain(policy.Traps, t => t.EntryId == reqId);
        Assert.Equal(reqId, instance.ReqId);
        Assert.Equal(2 * allTrap.Index, instance.Priority);
        Assert.True(instance.HoldPacketsWhileAcquiring);
        Assert.Equal(TrafficSelector.Between(AddressRange.Host(IPAddress.Parse(Me)), AddressRange.Host(IPAddress.Parse(Stranger))), instance.Selector);
        Assert.Equal(allTrap.EntryId, table.TrapEntryOf(reqId));
        Assert.Null(table.TrapFor(instance));

        // The instance sits between the partner's trap and the trap it took the traffic from.
        var order = dataPlane.GetPolicies().Select(e => e.Id).ToList();
        Assert.True(order.IndexOf(policy.Traps[0].EntryId) < order.IndexOf(reqId));
        Assert.True(order.IndexOf(reqId) < order.IndexOf(allTrap.EntryId));
    }

    [Fact]
    public void Two_peers_under_one_filter_get_their_own_reqids_and_a_rekey_keeps_the_reqid()
    {
        table.SetTraps(PartnerAndAll().Traps);
        var (toStranger, _) = KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000);
        var (toOther, _) = KernelSas.Pair(Me, "203.0.113.10", childSaId: 2, spi: 0x2000);
        var (rekeyed, _) = KernelSas.Pair(Me, Stranger, childSaId: 3, spi: 0x3000);

        int first = table.Register(toStranger);
        int second = table.Register(toOther);
        int third = table.Register(rekeyed);

        Assert.NotEqual(first, second);
        Assert.Equal(first, third);
        Assert.Equal(4 + 2, dataPlane.GetPolicies().Count);
    }

    [Fact]
    public void The_instance_goes_with_its_last_sa_and_its_traffic_traps_again()
    {
        table.SetTraps(PartnerAndAll().Traps);
        var (oldIn, oldOut) = KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000);
        var (newIn, newOut) = KernelSas.Pair(Me, Stranger, childSaId: 2, spi: 0x2000);
        int reqId = table.Register(oldIn);
        table.Register(oldOut);
        table.Register(newIn);
        table.Register(newOut);

        table.Unregister(oldIn, lastOfChild: false);
        table.Unregister(oldOut, lastOfChild: true);
        table.Unregister(newIn, lastOfChild: false);
        Assert.Contains(dataPlane.GetPolicies(), e => e.Id == reqId);

        table.Unregister(newOut, lastOfChild: true);
        Assert.DoesNotContain(dataPlane.GetPolicies(), e => e.Id == reqId);
        Assert.Equal(4, dataPlane.GetPolicies().Count);
        Assert.Null(table.TrapEntryOf(reqId));

        // Unknown or repeated removals change nothing.
        table.Unregister(newOut, lastOfChild: true);
        Assert.Equal(4, dataPlane.GetPolicies().Count);
    }

    [Fact]
    public void A_conversation_no_trap_covers_ranks_after_every_trap()
    {
        var policy = PartnerAndAll();
        table.SetTraps(policy.Traps);

        // An IPv6 conversation the default response rule answered: no IPv6 filter exists.
        int reqId = table.Register(KernelSas.Sa(SaDirection.Inbound, "2001:db8::10", "2001:db8::7", childSaId: 1, spi: 0x1000));

        Assert.Equal(2 * policy.Traps.Count, dataPlane.GetPolicies().Single(e => e.Id == reqId).Priority);
        Assert.Equal(reqId, dataPlane.GetPolicies().Last().Id);
        Assert.Null(table.TrapEntryOf(reqId));
    }

    [Fact]
    public void Transport_mode_selectors_are_the_outer_addresses_when_the_peer_named_its_private_one()
    {
        table.SetTraps(PartnerAndAll().Traps);

        // Behind a NAT the peer (public 198.51.100.7) names its private address in quick mode; its
        // TCP port 1433 stays part of the conversation.
        var sa = KernelSas.Sa(SaDirection.Inbound, Me, Partner, childSaId: 1, spi: 0x1000,
            localTraffic: IkeSelector.ForHost(IPAddress.Parse(Me), 6, 0),
            remoteTraffic: IkeSelector.ForHost(IPAddress.Parse("10.0.0.5"), 6, 1433));
        int reqId = table.Register(sa);

        var selector = dataPlane.GetPolicies().Single(e => e.Id == reqId).Selector;
        Assert.Equal(AddressRange.Host(IPAddress.Parse(Me)), selector.LocalAddresses);
        Assert.Equal(AddressRange.Host(IPAddress.Parse(Partner)), selector.RemoteAddresses);
        Assert.Equal(6, selector.Protocol);
        Assert.Equal(new PortRange(1433, 1433), selector.RemotePorts);
        Assert.Equal(PartnerAndAll().Traps[0].EntryId, table.TrapEntryOf(reqId)); // the partner's filter covers it, by its public address

        // Its outbound half, with the NAT-T pair the other way round, lands on the same instance.
        var outbound = KernelSas.Sa(SaDirection.Outbound, Me, Partner, childSaId: 1, spi: 0x1001,
            localTraffic: IkeSelector.ForHost(IPAddress.Parse(Me), 6, 0),
            remoteTraffic: IkeSelector.ForHost(IPAddress.Parse("10.0.0.5"), 6, 1433));
        Assert.Equal(reqId, table.Register(outbound));
    }

    [Fact]
    public void Tunnel_mode_selectors_are_the_negotiated_subnets()
    {
        var policy = EnforcedPolicy.From(
            new ModelPolicy().Negotiate("Outbound", [Filter("10.1.0.0/24", "10.2.0.0/24", mirrored: false)], tunnelEndpoint: "192.0.2.2"),
            "192.0.2.1");
        table.SetTraps(policy.Traps);
        var subnets = (IkeSelector.ForSubnet(IPAddress.Parse("10.1.0.0"), 24), IkeSelector.ForSubnet(IPAddress.Parse("10.2.0.0"), 24));

        int reqId = table.Register(KernelSas.Sa(SaDirection.Outbound, "192.0.2.1", "192.0.2.2", 1, 0x1000, IpsecMode.Tunnel, subnets.Item1, subnets.Item2));

        var entry = dataPlane.GetPolicies().Single(e => e.Id == reqId);
        Assert.Equal(AddressRange.Prefix(IPAddress.Parse("10.1.0.0"), 24), entry.Selector.LocalAddresses);
        Assert.Equal(AddressRange.Prefix(IPAddress.Parse("10.2.0.0"), 24), entry.Selector.RemoteAddresses);
        Assert.Equal(0, entry.Priority);
        Assert.Equal(policy.Traps[0].EntryId, table.TrapEntryOf(reqId));
    }

    [Fact]
    public void Conversations_of_a_required_filter_need_no_rules_of_their_own()
    {
        table.SetTraps(PartnerAndAll().Traps);
        var (inbound, outbound) = KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000);

        table.Register(inbound);
        table.Register(outbound);
        table.Unregister(inbound, lastOfChild: false);
        table.Unregister(outbound, lastOfChild: true);

        Assert.Equal(0, changes);
        Assert.Empty(table.SecuredConversations());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Conversations_under_inpass_or_soft_are_announced_when_they_come_and_go(bool inpass, bool soft)
    {
        table.SetTraps(PartnerAndAll(inpassForAll: inpass, softForAll: soft).Traps);
        var (inbound, outbound) = KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000);

        table.Register(inbound);
        Assert.Equal(1, changes);
        var secured = Assert.Single(table.SecuredConversations());
        Assert.Equal(IkeSelector.ForHost(IPAddress.Parse(Me)), secured.Local);
        Assert.Equal(IkeSelector.ForHost(IPAddress.Parse(Stranger)), secured.Remote);

        table.Register(outbound); // the same conversation: nothing new for nftables
        Assert.Equal(1, changes);

        table.Unregister(inbound, lastOfChild: false);
        Assert.Equal(1, changes);
        table.Unregister(outbound, lastOfChild: true);
        Assert.Equal(2, changes);
        Assert.Empty(table.SecuredConversations());
    }

    [Fact]
    public void A_conversation_no_trap_covers_is_announced()
    {
        table.SetTraps(PartnerAndAll().Traps);

        table.Register(KernelSas.Sa(SaDirection.Inbound, "2001:db8::10", "2001:db8::7", childSaId: 1, spi: 0x1000));

        Assert.Equal(1, changes);
        Assert.Single(table.SecuredConversations());
    }

    [Fact]
    public void New_traps_re_rank_the_instances_and_announce_what_changed_for_nftables()
    {
        // First the policy requires everything: the stranger's conversation needs no rules.
        var required = PartnerAndAll();
        table.SetTraps(required.Traps);
        int reqId = table.Register(KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000).Inbound);
        Assert.Equal(4, dataPlane.GetPolicies().Single(e => e.Id == reqId).Priority);

        // Setting the same kind of traps again changes nothing nftables cares about.
        table.SetTraps(required.Traps);
        Assert.Equal(0, changes);

        // A more specific stranger filter comes first now, and Any allows inpass: the instance moves
        // under the new filter (index 0) and still needs no rules.
        var reordered = EnforcedPolicy.From(
            new ModelPolicy()
                .Negotiate("All IP", [Filter("Me", "Any")], inpass: true)
                .Negotiate("Stranger", [Filter("Me", Stranger)]),
            Me);
        table.SetTraps(reordered.Traps);
        var strangerTrap = reordered.Traps.Single(t => t.Policy.Remote.Equals(IkeSelector.ForHost(IPAddress.Parse(Stranger))));
        Assert.Equal(2 * strangerTrap.Index, dataPlane.GetPolicies().Single(e => e.Id == reqId).Priority);
        Assert.Equal(strangerTrap.EntryId, table.TrapEntryOf(reqId));
        Assert.Equal(0, changes);

        // Without the stranger filter, only Any (inpass) covers it: now it needs rules of its own.
        var inpassOnly = EnforcedPolicy.From(new ModelPolicy().Negotiate("All IP", [Filter("Me", "Any")], inpass: true), Me);
        table.SetTraps(inpassOnly.Traps);
        Assert.Equal(1, changes);
        Assert.Single(table.SecuredConversations());
        Assert.Equal(2, dataPlane.GetPolicies().Count(e => e.Id < 1_000_000));

        // And with no traps at all it ranks after them (there are none) and still needs rules.
        table.SetTraps([]);
        Assert.Equal(2, changes);
        var entry = Assert.Single(dataPlane.GetPolicies());
        Assert.Equal(reqId, entry.Id);
        Assert.Equal(0, entry.Priority);
        Assert.Null(table.TrapEntryOf(reqId));
    }

    /// <summary>The data plane reports an acquire per selector once per retry interval (10 s); a conversation that lost its SA must not wait for it.</summary>
    [Fact]
    public void Removing_the_last_sa_lets_the_trap_ask_again_at_once()
    {
        var events = new AcquireCounter();
        using var plane = new IpsecDataPlane(null, events);
        var policies = new SecurityPolicyTable(plane);
        var policy = PartnerAndAll();
        policies.SetTraps(policy.Traps);
        var tun = new MemoryTun("t");
        var loop = plane.CreateOutboundLoop(tun);
        var packet = IpPackets.UdpPacket(IPAddress.Parse(Me), IPAddress.Parse(Stranger), 1, 2, [1]);

        tun.Inject(packet);
        loop.ProcessNext();
        var (inbound, _) = KernelSas.Pair(Me, Stranger, childSaId: 1, spi: 0x1000);
        policies.Register(inbound);
        policies.Unregister(inbound, lastOfChild: true);
        tun.Inject(packet);
        loop.ProcessNext();

        Assert.Equal(2, events.Count);
    }

    private sealed class AcquireCounter : IDataPlaneEvents
    {
        public int Count { get; private set; }

        public void AcquireRequested(AcquireRequest request) => Count++;

        public void SaExpired(Engine.DataPlane.Sa.SaExpiry expiry)
        {
        }

        public void SaIdle(Engine.DataPlane.Sa.SecurityAssociation sa)
        {
        }

        public void NatMappingChanged(Engine.DataPlane.Sa.SecurityAssociation sa, IPEndPoint observedPeer)
        {
        }
    }
}
