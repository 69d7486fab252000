using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>
/// Packets held under a generic trap entry while IKE negotiated, and the SA that arrived under a
/// narrower entry of its own reqid (the engine's per-conversation policy instance): releasing the
/// trap's packets sends those the narrower entry now covers and keeps the rest held.
/// </summary>
public sealed class ReleaseHeldPacketsTests
{
    private const int TrapId = 100;
    private const int ConversationId = 1; // BackToBack's entry, with the SAs' reqid
    private static readonly IPAddress OtherPeer = IPAddress.Parse("10.3.0.30");

    [Fact]
    public void Held_packets_go_out_through_a_narrower_entrys_sa_and_others_stay_held()
    {
        using var scenario = WithTrap();
        var toPeer = new[] { scenario.A.PacketToPeer(40, 1), scenario.A.PacketToPeer(41, 2) };
        var toOther = TestPackets.Udp(scenario.A.Inner, OtherPeer, 40000, 9, TestPackets.Payload(42, 3));
        scenario.A.Tun.Inject(toPeer[0]);
        scenario.A.Tun.Inject(toOther);
        scenario.A.Tun.Inject(toPeer[1]);
        scenario.Pump();
        Assert.Equal(3, scenario.A.Statistics.PacketsHeld);
        Assert.Equal(2, scenario.A.Events.Acquires.Count);
        Assert.All(scenario.A.Events.Acquires, acquire => Assert.Equal(TrapId, acquire.Entry.Id));

        AddConversationAndItsSas(scenario);
        Assert.Empty(scenario.A.EspBind.Sent); // the SA's own reqid held nothing

        scenario.A.Plane.ReleaseHeldPackets(TrapId);
        scenario.Pump();

        Assert.Equal(toPeer.Select(p => Hex.String(p)), scenario.B.Tun.TakeWritten().Select(p => Hex.String(p)));
        var statistics = scenario.A.Statistics;
        Assert.Equal(2, statistics.HeldPacketsSent);
        Assert.Equal(0, statistics.HeldPacketsDropped);
        Assert.Equal(3, statistics.PacketsHeld);
        Assert.Equal(2, statistics.PacketsSent);

        // The other destination's packet is still there: once an entry with an SA covers it, the next release sends it.
        scenario.A.Plane.AddPolicy(new SpdEntry
        {
            Id = 3,
            ReqId = BackToBack.ReqId,
            Selector = TrafficSelector.Between(scenario.A.InnerRange, AddressRange.Host(OtherPeer)),
        });
        scenario.A.Plane.ReleaseHeldPackets(TrapId);
        Assert.Equal(3, scenario.A.Statistics.HeldPacketsSent);
        Assert.Equal(0, scenario.A.Statistics.HeldPacketsDropped);
    }

    [Fact]
    public void Packets_that_stay_held_keep_their_original_hold_time()
    {
        var clock = new FakeTimeProvider();
        using var scenario = WithTrap(clock, new DataPlaneOptions { HoldTime = TimeSpan.FromSeconds(3) });
        scenario.A.Tun.Inject(TestPackets.Udp(scenario.A.Inner, OtherPeer, 40000, 9, [1]));
        scenario.Pump();

        clock.Advance(TimeSpan.FromSeconds(2));
        AddConversationAndItsSas(scenario);
        scenario.A.Plane.ReleaseHeldPackets(TrapId);
        Assert.Equal(0, scenario.A.Statistics.HeldPacketsDropped);

        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(1, scenario.A.Statistics.HeldPacketsDropped);
        Assert.Equal(0, scenario.A.Statistics.HeldPacketsSent);
    }

    [Fact]
    public void A_held_packet_that_a_discard_entry_now_takes_is_dropped()
    {
        using var scenario = WithTrap();
        scenario.A.Tun.Inject(TestPackets.Udp(scenario.A.Inner, OtherPeer, 40000, 9, [1]));
        scenario.Pump();

        scenario.A.Plane.AddPolicy(new SpdEntry
        {
            Id = 2,
            Priority = -1,
            Action = SpdAction.Discard,
            Selector = TrafficSelector.Between(AddressRange.Any, AddressRange.Host(OtherPeer)),
        });
        scenario.A.Plane.ReleaseHeldPackets(TrapId);

        Assert.Equal(1, scenario.A.Statistics.HeldPacketsDropped);
        Assert.Equal(0, scenario.A.Statistics.HeldPacketsSent);
        Assert.Empty(scenario.A.EspBind.Sent);
    }

    [Fact]
    public void A_held_packet_that_a_narrower_entry_without_an_sa_takes_is_dropped()
    {
        using var scenario = WithTrap();
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();

        // The narrower entry exists, its SA does not yet: the packet is not moved to its queue.
        scenario.A.Plane.AddPolicy(new SpdEntry
        {
            Id = ConversationId,
            ReqId = BackToBack.ReqId,
            Selector = TrafficSelector.Between(scenario.A.InnerRange, scenario.B.InnerRange),
            HoldPacketsWhileAcquiring = true,
        });
        scenario.A.Plane.ReleaseHeldPackets(TrapId);

        Assert.Equal(1, scenario.A.Statistics.HeldPacketsDropped);
        Assert.Equal(0, scenario.A.Statistics.HeldPacketsSent);
    }

    [Fact]
    public void Releasing_a_reqid_that_holds_nothing_changes_nothing()
    {
        using var scenario = WithTrap();
        AddConversationAndItsSas(scenario);

        scenario.A.Plane.ReleaseHeldPackets(TrapId);
        scenario.A.Plane.ReleaseHeldPackets(4242);

        var statistics = scenario.A.Statistics;
        Assert.Equal(0, statistics.HeldPacketsSent + statistics.HeldPacketsDropped + statistics.PacketsSent);
    }

    [Fact]
    public void Releasing_after_dispose_throws()
    {
        var scenario = WithTrap();
        scenario.Dispose();

        Assert.Throws<ObjectDisposedException>(() => scenario.A.Plane.ReleaseHeldPackets(TrapId));
    }

    /// <summary>
    /// Tunnel mode back to back, but on A the conversation's entry is replaced by a trap for all
    /// of A's traffic (its own reqid, holding), as the engine has it before any SA exists.
    /// </summary>
    private static BackToBack WithTrap(TimeProvider? clock = null, DataPlaneOptions? options = null)
    {
        var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false }, clock, options);
        Assert.True(scenario.A.Plane.RemovePolicy(ConversationId));
        scenario.A.Plane.AddPolicy(new SpdEntry
        {
            Id = TrapId,
            Priority = 1,
            ReqId = TrapId,
            Selector = TrafficSelector.Between(scenario.A.InnerRange, AddressRange.Any),
            HoldPacketsWhileAcquiring = true,
        });
        return scenario;
    }

    /// <summary>What the engine does when the conversation's SAs arrive: a narrower entry ranked above the trap, then the SAs.</summary>
    private static void AddConversationAndItsSas(BackToBack scenario)
    {
        scenario.A.Plane.AddPolicy(new SpdEntry
        {
            Id = ConversationId,
            Priority = 0,
            ReqId = BackToBack.ReqId,
            Selector = TrafficSelector.Between(scenario.A.InnerRange, scenario.B.InnerRange),
            HoldPacketsWhileAcquiring = true,
        });
        scenario.InstallSas();
    }
}
