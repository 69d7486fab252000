using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>Soft and hard expiry by time, bytes, packets and sequence number, and idle SAs, on a fake clock.</summary>
public sealed class LifetimeTests
{
    [Fact]
    public void Time_lifetimes_report_soft_then_hard_and_hard_removes_the_sa()
    {
        var clock = new FakeTimeProvider();
        using var scenario = BackToBack.Create(new ScenarioOptions
        {
            SoftLifetime = SaLifetime.FromTime(TimeSpan.FromSeconds(50)),
            HardLifetime = SaLifetime.FromTime(TimeSpan.FromSeconds(60)),
        }, clock);

        clock.Advance(TimeSpan.FromSeconds(49));
        Assert.Empty(scenario.A.Events.Expiries);

        clock.Advance(TimeSpan.FromSeconds(1));
        var soft = scenario.A.Events.Expiries;
        Assert.Equal(2, soft.Count);
        Assert.All(soft, expiry => Assert.Equal((false, ExpiryReason.Time), (expiry.Hard, expiry.Reason)));
        Assert.Equal(SaState.SoftExpired, scenario.A.Outbound!.State);

        // A soft-expired SA still carries traffic while IKE rekeys.
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Single(scenario.B.Tun.TakeWritten());

        clock.Advance(TimeSpan.FromSeconds(10));
        var hard = scenario.A.Events.Expiries.Where(expiry => expiry.Hard).ToArray();
        Assert.Equal(2, hard.Length);
        Assert.Equal(SaState.HardExpired, scenario.A.Outbound.State);
        Assert.Empty(scenario.A.Plane.GetSas());
        Assert.Equal(2, scenario.A.Statistics.SaDeletions);

        // With the outbound SA gone the entry acquires again.
        scenario.A.Tun.Inject(scenario.A.PacketToPeer(10));
        scenario.Pump();
        Assert.Single(scenario.A.Events.Acquires);
        Assert.Empty(scenario.B.Tun.TakeWritten());
    }

    [Fact]
    public void Byte_lifetimes_count_inner_bytes_on_both_sides()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions
        {
            SoftLifetime = new SaLifetime(TimeSpan.Zero, Bytes: 250),
            HardLifetime = new SaLifetime(TimeSpan.Zero, Bytes: 500),
        });

        // Each packet is 20 + 8 + 72 = 100 inner bytes.
        SendFromA(scenario, 2, 72);
        Assert.Empty(scenario.A.Events.Expiries);
        Assert.Empty(scenario.B.Events.Expiries);

        SendFromA(scenario, 1, 72);
        Assert.Equal((false, ExpiryReason.Bytes), Single(scenario.A.Events.Expiries));
        Assert.Equal((false, ExpiryReason.Bytes), Single(scenario.B.Events.Expiries));

        SendFromA(scenario, 2, 72);
        Assert.Contains(scenario.A.Events.Expiries, expiry => expiry.Hard && expiry.Reason == ExpiryReason.Bytes && expiry.Sa == scenario.A.Outbound);
        Assert.Contains(scenario.B.Events.Expiries, expiry => expiry.Hard && expiry.Reason == ExpiryReason.Bytes && expiry.Sa == scenario.B.Inbound);
        Assert.Equal(5, scenario.B.Tun.TakeWritten().Count);

        // Hard-expired on both sides: nothing more goes through.
        SendFromA(scenario, 1, 72);
        Assert.Empty(scenario.B.Tun.TakeWritten());
    }

    [Fact]
    public void Packet_lifetimes_expire_after_that_many_packets()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions
        {
            SoftLifetime = new SaLifetime(TimeSpan.Zero, Packets: 3),
            HardLifetime = new SaLifetime(TimeSpan.Zero, Packets: 5),
        });

        SendFromA(scenario, 3, 10);
        Assert.Equal((false, ExpiryReason.Packets), Single(scenario.A.Events.Expiries));

        SendFromA(scenario, 3, 10);
        Assert.Equal(5, scenario.B.Tun.TakeWritten().Count);
        Assert.Contains(scenario.A.Events.Expiries, expiry => expiry.Hard && expiry.Reason == ExpiryReason.Packets);
    }

    [Fact]
    public void Sequence_number_exhaustion_asks_for_a_rekey_then_refuses_to_send()
    {
        var options = new DataPlaneOptions { SequenceNumberRekeyMargin = 2 };
        using var scenario = BackToBack.Create(new ScenarioOptions(), planeOptions: options);
        scenario.A.Outbound!.SetLastSequenceNumber(uint.MaxValue - 4);

        // Sends 2^32-4, then 2^32-3 (the rekey point, 2 before the last), then 2^32-2 and 2^32-1; then nothing.
        SendFromA(scenario, 1, 10);
        Assert.Empty(scenario.A.Events.Expiries);
        SendFromA(scenario, 1, 10);
        Assert.Equal((false, ExpiryReason.SequenceNumber), Single(scenario.A.Events.Expiries));
        SendFromA(scenario, 3, 10);

        Assert.Equal(4, scenario.B.Tun.TakeWritten().Count);
        Assert.Equal(uint.MaxValue, scenario.B.Inbound!.LastSequenceNumber);
        Assert.Equal(uint.MaxValue, scenario.A.Outbound.LastSequenceNumber);
        Assert.Contains(scenario.A.Events.Expiries, expiry => expiry.Hard && expiry.Reason == ExpiryReason.SequenceNumber);
        Assert.Equal(1, scenario.A.Statistics.SequenceExhaustedDrops);
        Assert.Equal(SaState.HardExpired, scenario.A.Outbound.State);

        // The sequence never cycled: no packet carried 0 or 1 again.
        var sequences = scenario.A.EspBind.Sent.Select(s => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(s.Datagram.AsSpan(4))).ToArray();
        Assert.Equal([uint.MaxValue - 3, uint.MaxValue - 2, uint.MaxValue - 1, uint.MaxValue], sequences);
    }

    [Fact]
    public void Idle_sas_are_reported_once_per_idle_spell()
    {
        var clock = new FakeTimeProvider();
        using var scenario = BackToBack.Create(new ScenarioOptions { IdleTimeout = TimeSpan.FromSeconds(30) }, clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(scenario.A.Events.Idle);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, scenario.A.Events.Idle.Count);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, scenario.A.Events.Idle.Count);

        // Traffic A to B uses A's outbound and B's inbound SA; they go idle again 30 s later.
        SendFromA(scenario, 1, 10);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(3, scenario.A.Events.Idle.Count);
        Assert.Same(scenario.A.Outbound, scenario.A.Events.Idle[^1]);
        Assert.Same(scenario.B.Inbound, scenario.B.Events.Idle[^1]);
    }

    [Fact]
    public void Updated_lifetimes_take_effect_from_the_time_the_sa_was_added()
    {
        var clock = new FakeTimeProvider();
        using var scenario = BackToBack.Create(new ScenarioOptions { HardLifetime = SaLifetime.FromTime(TimeSpan.FromHours(1)) }, clock);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(scenario.A.Events.Expiries);

        scenario.A.Plane.UpdateSaLifetimes(scenario.A.Outbound!, SaLifetime.FromTime(TimeSpan.FromMinutes(5)), SaLifetime.FromTime(TimeSpan.FromMinutes(15)));
        Assert.Equal(TimeSpan.FromMinutes(15), scenario.A.Outbound!.HardLifetime.Time);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((false, ExpiryReason.Time), Single(scenario.A.Events.Expiries));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains(scenario.A.Events.Expiries, expiry => expiry.Hard && expiry.Sa == scenario.A.Outbound);
    }

    [Fact]
    public void Deleting_an_sa_stops_it_and_the_entry_acquires_again()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        Assert.True(scenario.A.Plane.DeleteSa(scenario.A.Outbound!));
        Assert.False(scenario.A.Plane.DeleteSa(scenario.A.Outbound!));
        Assert.Equal(SaState.Deleted, scenario.A.Outbound!.State);

        SendFromA(scenario, 1, 10);

        Assert.Empty(scenario.B.Tun.TakeWritten());
        Assert.Single(scenario.A.Events.Acquires);
        Assert.Equal(1, scenario.A.Statistics.SaDeletions);
    }

    [Fact]
    public void A_rekeyed_outbound_sa_takes_over_and_the_old_inbound_still_accepts_late_packets()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions());
        var captured = Captured.On(scenario.Network);
        SendFromA(scenario, 1, 10);
        var late = captured.Datagrams.Single();
        scenario.Network.Interceptor = null;

        // Quick mode rekey: the responder installs the new inbound SA, then the initiator switches.
        var newInbound = scenario.B.Plane.AddSa(WithSpi(scenario.SpecBInbound, 0x3000_0003));
        var newOutbound = scenario.A.Plane.AddSa(WithSpi(scenario.SpecAOutbound, 0x3000_0003));
        SendFromA(scenario, 2, 10);

        Assert.Equal(2, scenario.B.Tun.TakeWritten().Count);
        Assert.Equal(2, newInbound.Counters.Packets);
        Assert.Equal(2, newOutbound.Counters.Packets);
        Assert.Equal(0x3000_0003u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(scenario.A.EspBind.Sent[^1].Datagram));

        scenario.B.EspBind.Deliver(WithHeader(scenario, late), new System.Net.IPEndPoint(scenario.A.Outer, 0));
        scenario.Pump();
        Assert.Single(scenario.B.Tun.TakeWritten());
        Assert.Equal(1, scenario.B.Inbound!.Counters.Packets);

        // Deleting the old outbound SA leaves the new one current.
        scenario.A.Plane.DeleteSa(scenario.A.Outbound!);
        SendFromA(scenario, 1, 10);
        Assert.Single(scenario.B.Tun.TakeWritten());
        Assert.Equal(3, newOutbound.Counters.Packets);
    }

    private static SaSpecification WithSpi(SaSpecification specification, uint spi) => new()
    {
        Spi = spi, Direction = specification.Direction, Protocol = specification.Protocol, Mode = specification.Mode,
        LocalAddress = specification.LocalAddress, PeerAddress = specification.PeerAddress, Encapsulation = specification.Encapsulation,
        PeerPort = specification.PeerPort, Cipher = specification.Cipher, Aead = specification.Aead, Integrity = specification.Integrity,
        EncryptionKey = specification.EncryptionKey, IntegrityKey = specification.IntegrityKey, Selector = specification.Selector,
        ReqId = specification.ReqId,
    };

    private static byte[] WithHeader(BackToBack scenario, byte[] datagram)
    {
        var packet = new byte[20 + datagram.Length];
        OuterHeaders.WriteIp(packet, scenario.A.Outer, scenario.B.Outer, 50, datagram.Length);
        datagram.CopyTo(packet, 20);
        return packet;
    }

    private static void SendFromA(BackToBack scenario, int count, int payload)
    {
        for (var i = 0; i < count; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(payload, (byte)i));
        }

        scenario.Pump();
    }

    private static (bool Hard, ExpiryReason Reason) Single(IReadOnlyList<SaExpiry> expiries)
    {
        var expiry = Assert.Single(expiries);
        return (expiry.Hard, expiry.Reason);
    }
}
