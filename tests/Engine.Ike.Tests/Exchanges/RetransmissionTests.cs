using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

public sealed class RetransmissionTests
{
    [Fact]
    public void A_lost_first_message_is_sent_again_after_four_seconds()
    {
        var peers = new TwoPeers();
        peers.Network.Drop(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress));

        peers.Initiate();
        Assert.Empty(peers.Responder.Events.Events);
        peers.Advance(TimeSpan.FromSeconds(5));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var firsts = peers.SentBy(peers.Initiator).Where(d => d.Exchange == IsakmpExchangeType.MainMode).Take(2).ToArray();
        Assert.Equal(firsts[0].Payload, firsts[1].Payload);
        Assert.Equal(TimeSpan.FromSeconds(4), firsts[1].Time - firsts[0].Time);
    }

    [Fact]
    public void A_lost_response_is_answered_from_the_store_when_the_request_comes_again()
    {
        var peers = new TwoPeers();
        peers.Network.Drop(d => d.Source.Address.Equals(TwoPeers.ResponderAddress));

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(5));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var answers = peers.SentBy(peers.Responder).Take(2).ToArray();
        Assert.Equal(answers[0].Payload, answers[1].Payload);
        Assert.Single(peers.Responder.Engine.GetMainModeSas());
        Assert.Contains(peers.Responder.Trace.Entries, e => e.Text.Contains("sending the stored answer again", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lost_message_6_is_sent_again_for_the_repeated_message_5()
    {
        var peers = new TwoPeers();
        peers.Network.Drop(d => d.Source.Address.Equals(TwoPeers.ResponderAddress) && d.Exchange == IsakmpExchangeType.MainMode && d.IsEncrypted);

        peers.Initiate();
        Assert.Empty(peers.Initiator.Events.Of<MainModeEstablishedEvent>());
        Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>());
        peers.Advance(TimeSpan.FromSeconds(5));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var sixes = peers.SentBy(peers.Responder).Where(d => d.Exchange == IsakmpExchangeType.MainMode && d.IsEncrypted).ToArray();
        Assert.Equal(2, sixes.Length);
        Assert.Equal(sixes[0].Payload, sixes[1].Payload);
    }

    [Fact]
    public void A_lost_quick_mode_2_is_sent_again_without_new_spis()
    {
        var peers = new TwoPeers();
        peers.Network.Drop(d => d.Source.Address.Equals(TwoPeers.ResponderAddress) && d.Exchange == IsakmpExchangeType.QuickMode);

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(5));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        Assert.Single(peers.Responder.Kernel.Added, sa => sa.Direction == Kernel.SaDirection.Inbound);
        Assert.Empty(peers.Responder.Kernel.Reserved);
    }

    [Fact]
    public void A_lost_quick_mode_3_makes_the_responder_send_2_again_and_the_initiator_answers_with_3()
    {
        var peers = new TwoPeers();
        var third = 0;
        peers.Network.Drop(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress) && d.Exchange == IsakmpExchangeType.QuickMode && ++third == 2);

        peers.Initiate();
        Assert.Single(peers.Initiator.Engine.GetQuickModeSas());
        Assert.Empty(peers.Responder.Engine.GetQuickModeSas());
        peers.Advance(TimeSpan.FromSeconds(5));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        var responderQuickModes = peers.SentBy(peers.Responder).Where(d => d.Exchange == IsakmpExchangeType.QuickMode).ToArray();
        Assert.Equal(2, responderQuickModes.Length);
        Assert.Equal(responderQuickModes[0].Payload, responderQuickModes[1].Payload);
        var initiatorThirds = peers.SentBy(peers.Initiator).Where(d => d.Exchange == IsakmpExchangeType.QuickMode).Skip(1).ToArray();
        Assert.Equal(2, initiatorThirds.Length);
        Assert.Equal(initiatorThirds[0].Payload, initiatorThirds[1].Payload);
    }

    [Fact]
    public void Duplicated_and_reordered_datagrams_change_nothing()
    {
        var peers = new TwoPeers();
        peers.Network.Duplicate(_ => true, count: int.MaxValue);
        peers.Network.Hold(d => d.Exchange == IsakmpExchangeType.MainMode, count: 3);

        peers.Initiate();
        peers.Network.ClearRules();
        peers.Network.ReleaseHeld();
        peers.Advance(TimeSpan.FromSeconds(30));

        peers.AssertNoFailures();
        peers.AssertSasPairUp();
        Assert.Single(peers.Initiator.Events.Of<MainModeEstablishedEvent>());
        Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>());
        Assert.Single(peers.Responder.Engine.GetMainModeSas());
    }

    [Fact]
    public void A_late_copy_of_an_earlier_step_is_ignored()
    {
        var peers = new TwoPeers();
        peers.Network.Hold(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress) && d.Exchange == IsakmpExchangeType.MainMode);

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(5));
        peers.AssertSasPairUp();
        var sent = peers.Network.Sent.Count;

        peers.Network.ReleaseHeld();

        Assert.Equal(sent, peers.Network.Sent.Count);
        // Main mode is over and the peer has spoken under its keys since (quick mode), so only the
        // exchange's id is left: every late message of it is ignored as one for a finished exchange.
        Assert.Contains(peers.Responder.Trace.Entries, e => e.Text.Contains("message for the finished MainMode", StringComparison.Ordinal));
        peers.AssertNoFailures();
    }

    [Fact]
    public void After_the_last_retry_the_initiator_gives_up_with_547_no_response()
    {
        var peers = new TwoPeers();
        peers.Network.DropAll(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress));

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(200));

        var failure = peers.SingleFailure(peers.Initiator);
        Assert.Equal(NegotiationFailureReason.NoResponse, failure.Reason);
        Assert.Equal(NegotiationMode.MainMode, failure.Mode);
        Assert.Equal(AuditEventId.NegotiationFailed, failure.AuditId);
        var sends = peers.SentBy(peers.Initiator);
        Assert.Equal(6, sends.Length);
        var offsets = sends.Select(d => (d.Time - TwoPeers.Start).TotalSeconds).ToArray();
        Assert.Equal([0, 4, 11.2, 24.16, 47.488, 89.478], offsets, new ToleranceComparer(0.6));
        Assert.InRange((failure.Time - TwoPeers.Start).TotalSeconds, 164.5, 166.1);
        Assert.Empty(peers.Initiator.Engine.GetMainModeSas());
    }

    [Fact]
    public void Retransmission_settings_are_configurable()
    {
        var options = new IkeEngineOptions { Retransmission = new RetransmissionSettings { Timeout = TimeSpan.FromSeconds(1), Base = 2, Tries = 2 } };
        var peers = new TwoPeers(options: options);
        peers.Network.DropAll(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress));

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        Assert.Equal([0, 1, 3], peers.SentBy(peers.Initiator).Select(d => (d.Time - TwoPeers.Start).TotalSeconds).ToArray(), new ToleranceComparer(0.15));
        Assert.InRange((peers.SingleFailure(peers.Initiator).Time - TwoPeers.Start).TotalSeconds, 6.9, 7.2);
    }

    [Fact]
    public void A_responder_left_half_open_gives_up_after_its_timeout()
    {
        var peers = new TwoPeers();
        var fromInitiator = 0;
        peers.Network.DropAll(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress) && ++fromInitiator > 1);

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(31));

        var failure = peers.SingleFailure(peers.Responder);
        Assert.Equal(NegotiationFailureReason.NoResponse, failure.Reason);
        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
    }

    [Fact]
    public void An_unanswered_quick_mode_fails_alone_and_main_mode_stays()
    {
        var peers = new TwoPeers();
        peers.Network.DropAll(d => d.Exchange == IsakmpExchangeType.QuickMode && d.Source.Address.Equals(TwoPeers.InitiatorAddress));

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(170), TimeSpan.FromSeconds(1));

        var failure = peers.SingleFailure(peers.Initiator);
        Assert.Equal(NegotiationMode.QuickMode, failure.Mode);
        Assert.Equal(NegotiationFailureReason.NoResponse, failure.Reason);
        Assert.Single(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Initiator.Kernel.Reserved);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
