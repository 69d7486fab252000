using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

public sealed class DeadPeerDetectionTests
{
    [Fact]
    public void An_idle_peer_is_asked_and_its_answer_keeps_the_sas()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        peers.Advance(TimeSpan.FromSeconds(31));

        var question = Notifications(peers.Initiator).First(n => n.NotifyType == IsakmpNotifyType.RUThere);
        var answer = Notifications(peers.Responder).First(n => n.NotifyType == IsakmpNotifyType.RUThereAck);
        Assert.True(question.TryGetUInt32Data(out var asked));
        Assert.True(answer.TryGetUInt32Data(out var answered));
        Assert.Equal(asked, answered);
        Assert.Contains(peers.Initiator.Trace.Entries, e => e.Text.Contains("the peer is alive", StringComparison.Ordinal));
        peers.AssertSasPairUp();
    }

    [Fact]
    public void Sequence_numbers_go_up_with_each_question()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        peers.Advance(TimeSpan.FromSeconds(95));

        var numbers = Notifications(peers.Initiator).Where(n => n.NotifyType == IsakmpNotifyType.RUThere)
            .Select(n => n.TryGetUInt32Data(out var value) ? value : 0).ToArray();
        Assert.True(numbers.Length >= 2);
        Assert.Equal(numbers.Select((value, index) => numbers[0] + (uint)index), numbers);
    }

    [Fact]
    public void A_peer_that_stops_answering_is_declared_dead_and_its_sas_removed()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        peers.Network.DropAll(d => d.Source.Address.Equals(TwoPeers.ResponderAddress));

        peers.Advance(TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(1));

        var questions = Notifications(peers.Initiator).Count(n => n.NotifyType == IsakmpNotifyType.RUThere);
        Assert.Equal(peers.Options.DeadPeerDetection.Retries + 1, questions);
        Assert.Equal(SaEndReason.PeerDead, Assert.Single(peers.Initiator.Events.Of<QuickModeEndedEvent>()).Reason);
        Assert.Equal(SaEndReason.PeerDead, Assert.Single(peers.Initiator.Events.Of<MainModeEndedEvent>()).Reason);
        Assert.Contains(peers.Initiator.Events.Of<PeerInformationEvent>(), e => e.Message.Contains("dead peer detection", StringComparison.Ordinal));
        Assert.Empty(peers.Initiator.Kernel.Installed);
        Assert.Empty(peers.Initiator.Engine.GetMainModeSas());
    }

    [Fact]
    public void Inbound_esp_traffic_counts_as_a_sign_of_life()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        var inbound = peers.Initiator.Kernel.Inbound.Single().Id;

        for (var second = 0; second < 90; second += 5)
        {
            peers.Initiator.Kernel.Usage[inbound] = new KernelSaUsage(1000, 10, peers.Clock.GetUtcNow());
            peers.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.DoesNotContain(Notifications(peers.Initiator), n => n.NotifyType == IsakmpNotifyType.RUThere);
    }

    [Fact]
    public void Without_the_peers_dpd_vendor_id_no_question_is_asked_but_questions_are_answered()
    {
        var quiet = new IkeEngineOptions { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } };
        var peers = new TwoPeers(options: new IkeEngineOptions(), responderOptions: quiet);
        peers.Initiate();

        peers.Advance(TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(Notifications(peers.Initiator), n => n.NotifyType == IsakmpNotifyType.RUThere);
        Assert.DoesNotContain(Notifications(peers.Responder), n => n.NotifyType == IsakmpNotifyType.RUThere);
    }

    /// <summary>The DPD notifications one side sent, read from its trace (the messages themselves are encrypted).</summary>
    private static IEnumerable<NotificationPayload> Notifications(TestPeer sender)
    {
        foreach (var entry in sender.Trace.Entries.Where(e => e.Category == Trace.IkeTraceCategory.Send))
        {
            foreach (var type in new[] { IsakmpNotifyType.RUThere, IsakmpNotifyType.RUThereAck })
            {
                var marker = $"N({type} seq ";
                var start = entry.Text.IndexOf(marker, StringComparison.Ordinal);
                if (start >= 0)
                {
                    var number = uint.Parse(entry.Text[(start + marker.Length)..].Split(')')[0], System.Globalization.CultureInfo.InvariantCulture);
                    yield return type == IsakmpNotifyType.RUThere ? NotificationPayload.RUThere(0, 0, number) : NotificationPayload.RUThereAck(0, 0, number);
                }
            }
        }
    }
}
