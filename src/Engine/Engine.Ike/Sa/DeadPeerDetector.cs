using System.Security.Cryptography;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Scheduling;
using Engine.Ike.Trace;

namespace Engine.Ike.Sa;

/// <summary>
/// RFC 3706 dead peer detection for one ISAKMP SA, idle-triggered: when nothing came from the
/// peer for the configured delay (neither IKE nor ESP, which the data plane counts), send
/// R-U-THERE with the next sequence number; an R-U-THERE-ACK with that number is proof of life.
/// Each unanswered one is followed by a new one; after the last retry the peer is dead and every
/// SA with it is removed. R-U-THERE from the peer is answered whatever our settings.
/// </summary>
internal sealed class DeadPeerDetector
{
    private readonly IkeSa sa;
    private ScheduledJob? job;
    private uint sequence = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)) & 0x7fffffff;
    private uint? outstanding;
    private int unanswered;

    public DeadPeerDetector(IkeSa sa)
    {
        this.sa = sa;
    }

    /// <summary>R-U-THEREs sent and not answered in the current round.</summary>
    public int Unanswered => unanswered;

    private Configuration.DeadPeerDetectionSettings Settings => sa.Context.Options.DeadPeerDetection;

    /// <summary>Starts watching once main mode is up, if both sides announced DPD.</summary>
    public void Start()
    {
        if (Settings.Enabled && sa.Peer.DeadPeerDetection)
        {
            Schedule(Settings.Delay);
        }
    }

    public void Stop() => job?.Cancel();

    public void Process(NotificationPayload notify)
    {
        if (!notify.TryGetUInt32Data(out var number))
        {
            return;
        }

        if (notify.NotifyType == IsakmpNotifyType.RUThere)
        {
            sa.Trace(IkeTraceCategory.Receive, $"R-U-THERE {number}: answering");
            sa.Tasks.SendInformational([NotificationPayload.RUThereAck(sa.InitiatorCookie, sa.ResponderCookie, number)]);
            return;
        }

        if (number == outstanding)
        {
            sa.Trace(IkeTraceCategory.Receive, $"R-U-THERE-ACK {number}: the peer is alive");
            outstanding = null;
            unanswered = 0;
            Schedule(Settings.Delay);
        }
        else
        {
            sa.Trace(IkeTraceCategory.Receive, $"R-U-THERE-ACK {number} does not answer {outstanding?.ToString() ?? "anything"}: ignored");
        }
    }

    private void Schedule(TimeSpan delay)
    {
        job?.Cancel();
        job = sa.Context.Scheduler.Schedule(delay, "dead peer detection", Check);
    }

    private void Check()
    {
        if (sa.State != IkeSaState.Established)
        {
            return;
        }

        var lastHeard = LastHeard();
        var idle = sa.Context.Now - lastHeard;
        if (outstanding is null && idle < Settings.Delay)
        {
            Schedule(Settings.Delay - idle);
            return;
        }

        if (outstanding is not null && unanswered > Settings.Retries)
        {
            DeclareDead();
            return;
        }

        sequence++;
        outstanding = sequence;
        unanswered++;
        sa.Trace(IkeTraceCategory.State, $"no traffic from {sa.Remote} for {idle.TotalSeconds:0} s: R-U-THERE {sequence} ({unanswered} of {Settings.Retries + 1})");
        sa.Tasks.SendInformational([NotificationPayload.RUThere(sa.InitiatorCookie, sa.ResponderCookie, sequence)]);
        Schedule(Settings.RetryInterval);
    }

    /// <summary>The later of the last IKE message and the last ESP/AH packet the data plane saw from the peer.</summary>
    private DateTimeOffset LastHeard()
    {
        var last = sa.LastInbound;
        foreach (var child in sa.ChildSasOfPeer())
        {
            foreach (var protocol in child.Protocols)
            {
                if (sa.Context.Kernel.TryQueryUsage(protocol.Inbound.Id, out var usage) && usage.LastUsed is { } used && used > last)
                {
                    last = used;
                }
            }
        }

        // The data plane's clock may run a hair ahead of IKE's: what was heard is never in the future.
        var now = sa.Context.Now;
        return last > now ? now : last;
    }

    private void DeclareDead()
    {
        var context = sa.Context;
        sa.Trace(IkeTraceCategory.Failure, $"{sa.Remote} did not answer {unanswered} R-U-THERE: peer declared dead, its SAs are removed");
        context.Publish(new PeerInformationEvent
        {
            Time = context.Now,
            Local = sa.Local,
            Remote = sa.Remote,
            IkeSaId = sa.Id,
            Message = $"dead peer detection: {sa.Remote.Address} did not answer; its SAs are removed",
        });
        foreach (var child in sa.ChildSasOfPeer())
        {
            child.Delete(SaEndReason.PeerDead, notifyPeer: false);
        }

        foreach (var other in context.IkeSas.WithPeer(sa.Remote.Address).ToArray().Where(other => sa.IsSamePeer(other.Remote)).ToArray())
        {
            other.Delete(SaEndReason.PeerDead, notifyPeer: false);
        }
    }
}
