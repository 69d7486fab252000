using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Scheduling;
using Engine.Ike.Selectors;
using Engine.Ike.Trace;

namespace Engine.Ike.Sa;

/// <summary>
/// The IPsec SAs one quick mode produced (strongSwan's child_sa_t): both directions of AH and/or
/// ESP, the traffic they protect and their lifetimes. In IKEv1 they outlive the ISAKMP SA that
/// made them; a DELETE for them goes through whichever ISAKMP SA with the peer is up.
/// </summary>
internal sealed class ChildSa
{
    private readonly IkeContext context;
    private ScheduledJob? softExpiry;
    private ScheduledJob? hardExpiry;
    private ScheduledJob? replacedDeletion;

    public ChildSa(IkeContext context, ulong id, ChildPolicy policy, IPEndPoint local, IPEndPoint remote, bool isInitiator, QuickModeProposal proposal, bool pfs, TimeSpan lifetime, ulong lifetimeKilobytes, IReadOnlyList<ChildSaProtocol> protocols)
    {
        this.context = context;
        Id = id;
        Policy = policy;
        Local = local;
        Remote = remote;
        IsInitiator = isInitiator;
        Proposal = proposal;
        Pfs = pfs;
        Lifetime = lifetime;
        LifetimeKilobytes = lifetimeKilobytes;
        Protocols = protocols;
        InstalledAt = context.Now;
    }

    public ulong Id { get; }

    public ChildPolicy Policy { get; }

    public IPEndPoint Local { get; }

    public IPEndPoint Remote { get; }

    public bool IsInitiator { get; }

    public QuickModeProposal Proposal { get; }

    public bool Pfs { get; }

    public TimeSpan Lifetime { get; }

    public ulong LifetimeKilobytes { get; }

    public IReadOnlyList<ChildSaProtocol> Protocols { get; }

    public DateTimeOffset InstalledAt { get; }

    public ChildSaState State { get; set; } = ChildSaState.Installed;

    public TrafficSelector LocalTrafficSelector => Protocols[0].Outbound.LocalTrafficSelector;

    public TrafficSelector RemoteTrafficSelector => Protocols[0].Outbound.RemoteTrafficSelector;

    public IpsecMode Mode => Protocols[0].Outbound.Mode;

    public IReadOnlyDictionary<IpsecProtocol, uint> InboundSpis => Protocols.ToDictionary(p => p.Protocol, p => p.Inbound.Id.Spi);

    public IReadOnlyDictionary<IpsecProtocol, uint> OutboundSpis => Protocols.ToDictionary(p => p.Protocol, p => p.Outbound.Id.Spi);

    /// <summary>
    /// The inbound direction alone, ahead of the rest: a quick mode responder installs it before
    /// sending message 2, so that ESP the initiator sends as soon as it has sent message 3 (which
    /// may overtake it, or be lost and retransmitted) finds its SA.
    /// </summary>
    public void InstallInbound()
    {
        foreach (var protocol in Protocols)
        {
            context.Kernel.AddSa(protocol.Inbound);
        }
    }

    /// <summary>Takes an inbound direction installed ahead back out (the quick mode did not finish).</summary>
    public void RemoveInbound()
    {
        foreach (var protocol in Protocols)
        {
            context.Kernel.DeleteSa(protocol.Inbound.Id);
        }
    }

    /// <summary>
    /// Installs inbound (unless <see cref="InstallInbound"/> did already) before outbound, so that
    /// the peer's first packet finds its SA, and starts the lifetime timers.
    /// </summary>
    public void Install(TimeSpan softLifetime, bool inboundInstalled = false)
    {
        if (!inboundInstalled)
        {
            InstallInbound();
        }

        foreach (var protocol in Protocols)
        {
            context.Kernel.AddSa(protocol.Outbound);
        }

        context.ChildSas.Add(this);
        if (context.Options.Rekey.Enabled && softLifetime < Lifetime)
        {
            softExpiry = context.Scheduler.Schedule(softLifetime, "rekey child SA", () => context.ChildSoftExpired?.Invoke(this));
        }

        hardExpiry = context.Scheduler.Schedule(Lifetime, "expire child SA", () => Delete(SaEndReason.Expired, notifyPeer: true));
    }

    /// <summary>The replacement is in: keep this one for a short overlap, then delete it with a DELETE to the peer.</summary>
    public void MarkReplaced()
    {
        if (State is ChildSaState.Deleted or ChildSaState.Replaced)
        {
            return;
        }

        State = ChildSaState.Replaced;
        context.Statistics.CountRekey();
        softExpiry?.Cancel();
        replacedDeletion = context.Scheduler.Schedule(context.Options.Rekey.OverlapAfterRekey, "delete rekeyed child SA", () => Delete(SaEndReason.Rekeyed, notifyPeer: true));
    }

    /// <summary>The data plane counted past a byte limit.</summary>
    public void OnKernelExpired(bool hard)
    {
        if (hard)
        {
            Delete(SaEndReason.Expired, notifyPeer: true);
        }
        else if (State == ChildSaState.Installed && context.Options.Rekey.Enabled)
        {
            softExpiry?.Cancel();
            context.ChildSoftExpired?.Invoke(this);
        }
    }

    /// <summary>
    /// Removes both directions from the data plane, tells the peer (DELETE with our inbound SPIs,
    /// the ones it sends with, as strongSwan does) through an established ISAKMP SA when asked,
    /// and publishes 542.
    /// </summary>
    public void Delete(SaEndReason reason, bool notifyPeer)
    {
        if (State == ChildSaState.Deleted)
        {
            return;
        }

        State = ChildSaState.Deleted;
        softExpiry?.Cancel();
        hardExpiry?.Cancel();
        replacedDeletion?.Cancel();
        foreach (var protocol in Protocols)
        {
            context.Kernel.DeleteSa(protocol.Outbound.Id);
            context.Kernel.DeleteSa(protocol.Inbound.Id);
        }

        context.ChildSas.Remove(this);
        var ikeSa = context.FindEstablished(Remote.Address);
        if (notifyPeer && ikeSa is not null)
        {
            var deletes = Protocols.Select(protocol => DeletePayload.ForIpsecSpis(
                protocol.Protocol == IpsecProtocol.Esp ? IsakmpProtocolId.Esp : IsakmpProtocolId.Ah, [protocol.Inbound.Id.Spi]));
            ikeSa.Tasks.SendInformational([.. deletes]);
        }

        context.Tracer.Write(ikeSa?.Id ?? "-", IkeTraceCategory.State, $"child SA {Id} ({Policy.Name}) deleted: {reason}");
        context.Publish(new QuickModeEndedEvent
        {
            Time = context.Now,
            Local = Local,
            Remote = Remote,
            IkeSaId = ikeSa?.Id ?? string.Empty,
            ChildSaId = Id,
            InboundSpis = InboundSpis,
            OutboundSpis = OutboundSpis,
            Reason = reason,
        });
    }

    public override string ToString() => $"child SA {Id} {LocalTrafficSelector} <-> {RemoteTrafficSelector}";
}
