using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

/// <summary>
/// What an ISAKMP SA keeps once its exchanges are over: the last message of an exchange only while
/// the peer may still ask for it again, and no timer job of an SA that is gone.
/// </summary>
public sealed class KeptStateTests
{
    [Fact]
    public void Once_main_and_quick_mode_are_over_the_responder_keeps_no_message_and_the_initiator_only_its_quick_mode_3()
    {
        var peers = new TwoPeers();

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(1));

        peers.AssertSasPairUp();

        // The responder's main mode 6 was answered by quick mode 1, its quick mode 2 by quick mode 3.
        Assert.Equal(0, peers.Responder.Engine.KeptAnswers);

        // Quick mode 3 is the initiator's: the responder repeats 2 until it gets it.
        Assert.Equal(1, peers.Initiator.Engine.KeptAnswers);
    }

    [Fact]
    public void A_late_quick_mode_1_after_quick_mode_3_is_ignored()
    {
        var peers = new TwoPeers();
        peers.Network.Hold(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress) && d.Exchange == IsakmpExchangeType.QuickMode);

        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(5));
        peers.AssertSasPairUp();
        var sent = peers.Network.Sent.Count;
        var installed = peers.Responder.Kernel.Added.Count;

        peers.Network.ReleaseHeld();
        peers.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(installed, peers.Responder.Kernel.Added.Count);
        Assert.DoesNotContain(peers.Network.Sent.Skip(sent), d => d.Exchange == IsakmpExchangeType.QuickMode);
        Assert.Contains(peers.Responder.Trace.Entries, e => e.Text.Contains("message for the finished QuickMode", StringComparison.Ordinal));
        peers.AssertSasPairUp();
        peers.AssertNoFailures();
    }

    [Fact]
    public void Deleted_sas_leave_no_job_on_the_engines_timer()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        peers.Advance(TimeSpan.FromSeconds(1));
        peers.AssertSasPairUp();
        Assert.True(peers.Responder.Engine.PendingJobs > 0);

        foreach (var child in peers.Responder.Engine.GetQuickModeSas())
        {
            peers.Responder.Engine.DeleteQuickModeSa(child.Id);
        }

        foreach (var sa in peers.Responder.Engine.GetMainModeSas())
        {
            peers.Responder.Engine.DeleteMainModeSa(sa.Id);
        }

        Assert.Empty(peers.Responder.Engine.GetMainModeSas());
        Assert.Equal(0, peers.Responder.Engine.PendingJobs);
    }
}
