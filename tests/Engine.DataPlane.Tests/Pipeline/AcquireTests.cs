using System.Net;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>Packets that need an SA that does not exist: acquire events, throttling, hold or drop.</summary>
public sealed class AcquireTests
{
    [Fact]
    public void A_packet_without_an_sa_reports_an_acquire_with_its_selector_and_is_dropped()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false });
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10, sourcePort: 40001, destinationPort: 1701));
        scenario.Pump();

        var acquire = Assert.Single(scenario.A.Events.Acquires);
        Assert.Equal(1, acquire.Entry.Id);
        Assert.Equal(BackToBack.ReqId, acquire.Entry.ReqId);
        Assert.Equal(scenario.A.Inner, acquire.Source);
        Assert.Equal(scenario.A.PeerApplicationAddress, acquire.Destination);
        Assert.Equal((17, 40001, 1701), (acquire.Protocol, acquire.SourcePort, acquire.DestinationPort));
        Assert.Equal(1, scenario.A.Statistics.DroppedWhileAcquiring);
        Assert.Empty(scenario.A.EspBind.Sent);
    }

    [Fact]
    public void Acquires_are_reported_once_per_selector_per_retry_interval()
    {
        var clock = new FakeTimeProvider();
        using var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false }, clock,
            new DataPlaneOptions { AcquireRetryInterval = TimeSpan.FromSeconds(10) });
        for (var i = 0; i < 20; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        }

        // Another destination under the same entry is another selector.
        scenario.A.Tun.Inject(TestPackets.Udp(scenario.A.Inner, IPAddress.Parse("10.2.0.99"), 1, 2, [1]));
        scenario.Pump();
        Assert.Equal(2, scenario.A.Events.Acquires.Count);

        clock.Advance(TimeSpan.FromSeconds(9));
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Equal(2, scenario.A.Events.Acquires.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Equal(3, scenario.A.Events.Acquires.Count);
        Assert.Equal(3, scenario.A.Statistics.AcquiresReported);
    }

    [Fact]
    public void Held_packets_go_out_when_the_sa_is_added()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false, HoldPacketsWhileAcquiring = true });
        var packets = Enumerable.Range(0, 3).Select(i => scenario.A.PacketToPeer(20 + i, (byte)i)).ToArray();
        foreach (var packet in packets)
        {
            scenario.A.Tun.Inject(packet);
        }

        scenario.Pump();
        Assert.Single(scenario.A.Events.Acquires);
        Assert.Equal(3, scenario.A.Statistics.PacketsHeld);

        scenario.InstallSas();
        scenario.Pump();

        var delivered = scenario.B.Tun.TakeWritten();
        Assert.Equal(packets.Select(p => Hex.String(p)), delivered.Select(p => Hex.String(p)));
        Assert.Equal(3, scenario.A.Statistics.HeldPacketsSent);
    }

    [Fact]
    public void Holding_is_bounded_per_policy()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false, HoldPacketsWhileAcquiring = true }, null,
            new DataPlaneOptions { MaximumHeldPacketsPerPolicy = 4 });
        for (var i = 0; i < 10; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        }

        scenario.Pump();

        Assert.Equal(4, scenario.A.Statistics.PacketsHeld);
        Assert.Equal(6, scenario.A.Statistics.DroppedWhileAcquiring);
        scenario.InstallSas();
        scenario.Pump();
        Assert.Equal(4, scenario.B.Tun.TakeWritten().Count);
    }

    [Fact]
    public void Held_packets_are_dropped_after_the_hold_time()
    {
        var clock = new FakeTimeProvider();
        using var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false, HoldPacketsWhileAcquiring = true }, clock,
            new DataPlaneOptions { HoldTime = TimeSpan.FromSeconds(3) });
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, scenario.A.Statistics.HeldPacketsDropped);

        scenario.InstallSas();
        scenario.Pump();
        Assert.Empty(scenario.B.Tun.TakeWritten());
    }

    [Fact]
    public void An_sa_added_from_the_acquire_handler_carries_the_held_packet()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { InstallSas = false, HoldPacketsWhileAcquiring = true });
        scenario.A.Events.OnAcquire = _ => scenario.InstallSas();
        var packet = scenario.A.PacketToPeer(30);
        scenario.A.Tun.Inject(packet);
        scenario.Pump();

        Assert.Equal(Hex.String(packet), Hex.String(scenario.B.Tun.TakeWritten().Single()));
    }

    [Fact]
    public void Discard_entries_drop_without_an_acquire_and_unmatched_packets_are_counted()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        scenario.A.Plane.AddPolicy(new SpdEntry
        {
            Id = 2,
            Priority = -1,
            Action = SpdAction.Discard,
            Selector = TrafficSelector.Between(AddressRange.Any, AddressRange.Host(IPAddress.Parse("10.2.0.66"))),
        });
        scenario.A.Tun.Inject(TestPackets.Udp(scenario.A.Inner, IPAddress.Parse("10.2.0.66"), 1, 2, [1]));
        scenario.A.Tun.Inject(TestPackets.Udp(scenario.A.Inner, IPAddress.Parse("10.9.0.1"), 1, 2, [1]));
        scenario.A.Tun.Inject([0x45, 0, 0]);
        scenario.Pump();

        Assert.Empty(scenario.A.Events.Acquires);
        Assert.Equal(1, scenario.A.Statistics.OutboundDiscarded);
        Assert.Equal(1, scenario.A.Statistics.OutboundWithoutPolicy);
        Assert.Equal(1, scenario.A.Statistics.OutboundMalformed);

        Assert.True(scenario.A.Plane.RemovePolicy(2));
        Assert.False(scenario.A.Plane.RemovePolicy(2));
        Assert.Single(scenario.A.Plane.GetPolicies());
    }

    [Fact]
    public void Entries_are_matched_by_priority_then_order_added()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        var narrow = TrafficSelector.Between(AddressRange.Any, AddressRange.Host(IPAddress.Parse("10.2.0.20")));
        scenario.A.Plane.AddPolicy(new SpdEntry { Id = 5, Priority = 10, Action = SpdAction.Discard, Selector = narrow });
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Single(scenario.B.Tun.TakeWritten());

        scenario.A.Plane.AddPolicy(new SpdEntry { Id = 5, Priority = -10, Action = SpdAction.Discard, Selector = narrow });
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Equal([5, 1], scenario.A.Plane.GetPolicies().Select(entry => entry.Id));
    }

    [Fact]
    public void A_transport_packet_between_other_addresses_than_the_sa_is_not_sealed()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions().With(Engine.DataPlane.Sa.IpsecMode.Transport, System.Net.Sockets.AddressFamily.InterNetwork, false));
        scenario.A.Plane.AddPolicy(new SpdEntry { Id = 9, ReqId = BackToBack.ReqId, Selector = TrafficSelector.Any with { } });
        scenario.A.Tun.Inject(TestPackets.Udp(IPAddress.Parse("192.0.2.77"), scenario.A.PeerApplicationAddress, 1, 2, [1]));
        scenario.Pump();

        Assert.Empty(scenario.A.EspBind.Sent);
        Assert.Equal(1, scenario.A.Statistics.OutboundMalformed);
    }
}
