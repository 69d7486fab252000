using Engine.Ike.Configuration;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

public sealed class RekeyTests
{
    private static readonly IkeEngineOptions NoDpd = new() { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } };

    [Fact]
    public void A_child_sa_is_rekeyed_before_it_expires_and_traffic_always_has_an_sa()
    {
        var peers = new TwoPeers(options: NoDpd);
        peers.Initiate();
        var first = Assert.Single(peers.Initiator.Engine.GetQuickModeSas()).Id;

        for (var elapsed = 0; elapsed < 3700; elapsed += 10)
        {
            peers.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

            // No gap: each side can always send, and can always receive what the other sends.
            Assert.NotEmpty(peers.Initiator.Kernel.Outbound);
            Assert.NotEmpty(peers.Responder.Kernel.Outbound);
            foreach (var outbound in peers.Initiator.Kernel.Outbound)
            {
                Assert.True(peers.Responder.Kernel.Installed.ContainsKey(outbound.Id));
            }

            foreach (var outbound in peers.Responder.Kernel.Outbound)
            {
                Assert.True(peers.Initiator.Kernel.Installed.ContainsKey(outbound.Id));
            }
        }

        peers.AssertNoFailures();
        var now = Assert.Single(peers.Initiator.Engine.GetQuickModeSas());
        Assert.NotEqual(first, now.Id);
        Assert.Contains(peers.Initiator.Events.Of<QuickModeEndedEvent>(), e => e.ChildSaId == first && e.Reason == SaEndReason.Rekeyed);
        Assert.DoesNotContain(peers.Initiator.Events.Of<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.Expired);
        Assert.Single(peers.Responder.Engine.GetQuickModeSas());
        peers.AssertSasPairUp();
    }

    [Fact]
    public void The_soft_lifetime_has_jitter_within_the_margin()
    {
        var times = new List<double>();
        for (var run = 0; run < 4; run++)
        {
            var peers = new TwoPeers(options: NoDpd);
            peers.Initiate();
            peers.Advance(TimeSpan.FromSeconds(3300), TimeSpan.FromSeconds(5));
            var second = peers.Initiator.Events.Of<QuickModeEstablishedEvent>().Skip(1).First();
            times.Add((second.Time - TwoPeers.Start).TotalSeconds);
        }

        Assert.All(times, t => Assert.InRange(t, 3600 * 0.85 - 5, 3600 * 0.9 + 5));
    }

    [Fact]
    public void A_soft_byte_limit_from_the_data_plane_starts_a_rekey_and_a_hard_one_removes_the_sa()
    {
        var peers = new TwoPeers(options: NoDpd);
        peers.Initiate();
        var outbound = peers.Initiator.Kernel.Outbound.Single();
        Assert.True(outbound.SoftByteLimit < outbound.HardByteLimit);

        peers.Initiator.Engine.OnKernelSaExpired(outbound.Id, hard: false);
        peers.Network.Deliver();

        Assert.Equal(2, peers.Initiator.Events.Of<QuickModeEstablishedEvent>().Count());
        peers.Initiator.Engine.OnKernelSaExpired(peers.Initiator.Kernel.Outbound.Last().Id, hard: true);
        peers.Network.Deliver();
        Assert.Contains(peers.Initiator.Events.Of<QuickModeEndedEvent>(), e => e.Reason == SaEndReason.Expired);
    }

    [Fact]
    public void Main_mode_is_renewed_before_it_expires_and_the_quick_mode_sas_stay()
    {
        var policy = Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, mainModeLifetime: TimeSpan.FromMinutes(10));
        var peers = new TwoPeers(policy, options: NoDpd);
        peers.Initiate();
        var first = Assert.Single(peers.Initiator.Engine.GetMainModeSas()).Id;

        peers.Advance(TimeSpan.FromSeconds(580), TimeSpan.FromSeconds(5));

        peers.AssertNoFailures();
        var renewed = Assert.Single(peers.Initiator.Engine.GetMainModeSas());
        Assert.NotEqual(first, renewed.Id);
        Assert.Equal(IkeSaState.Established, renewed.State);
        Assert.Equal(SaEndReason.Rekeyed, Assert.Single(peers.Initiator.Events.Of<MainModeEndedEvent>()).Reason);
        Assert.Equal(SaEndReason.DeletedByPeer, Assert.Single(peers.Responder.Events.Of<MainModeEndedEvent>()).Reason);
        Assert.Single(peers.Responder.Engine.GetMainModeSas());
        peers.AssertSasPairUp();
        Assert.Empty(peers.Initiator.Events.Of<QuickModeEndedEvent>());
    }

    [Fact]
    public void The_main_mode_lifetime_is_the_shorter_of_both_policies()
    {
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, mainModeLifetime: TimeSpan.FromHours(8)),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, mainModeLifetime: TimeSpan.FromHours(1)));

        peers.Initiate();

        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>()).Lifetime);
        Assert.Equal(SaDirection.Outbound, peers.Initiator.Kernel.Outbound.Single().Direction);
    }
}
