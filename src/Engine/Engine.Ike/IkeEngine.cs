using System.Net;
using System.Security.Cryptography;
using System.Threading;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.VendorIds;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Network;
using Engine.Ike.Sa;
using Engine.Ike.Scheduling;
using Engine.Ike.Statistics;
using Engine.Ike.Tasks.V1;
using Engine.Ike.Trace;

namespace Engine.Ike;

/// <summary>
/// The IKEv1 control plane (strongSwan's charon, IKEv1 part): it receives IKE datagrams, finds or
/// creates the ISAKMP SA they belong to, starts negotiations for traffic the policy says to
/// secure, and hands finished IPsec SAs to <see cref="IKernelIpsec"/>. Its state is guarded by one
/// lock (datagrams, timers, API calls), which keeps the state machine easy to reason about; only
/// main mode's Diffie-Hellman runs outside it, one message at a time per ISAKMP SA
/// (<see cref="EngineGate"/>), so that threads receiving for many peers compute in parallel. Any
/// thread may call it. The host gives it a socket (<see cref="IIkeDatagramTransport"/>),
/// the data plane (<see cref="IKernelIpsec"/>), the policy (<see cref="IkePolicy"/>), an event
/// sink, a clock and, optionally, a trace.
/// </summary>
public sealed class IkeEngine : IDisposable
{
    /// <summary>Datagrams a computing SA holds back (<see cref="EngineGate"/>); more are dropped, the peer retransmits.</summary>
    private const int MaximumDeferred = 16;

    private readonly EngineGate gate = new();
    private readonly IkeContext context;

    /// <summary>SAs with datagrams held back while they computed, drained at the end of each Receive.</summary>
    private readonly List<IkeSa> deferring = [];

    public IkeEngine(
        IkeEngineOptions options,
        IkePolicy policy,
        IIkeDatagramTransport transport,
        IKernelIpsec kernel,
        IIkeEventSink events,
        TimeProvider timeProvider,
        IIkeTrace? trace = null)
    {
        var scheduler = new JobScheduler(timeProvider, RunJob);
        var tracer = new IkeTracer(trace, scheduler, options.TraceIncludesKeys);
        var counters = new IkeCounters();
        context = new IkeContext(options, policy, new CountingDatagramTransport(transport, counters, tracer), kernel, events, scheduler, tracer)
        {
            Statistics = counters,
            Gate = gate,
            ChildSoftExpired = RekeyChild,
            IkeSaSoftExpired = RekeyIkeSa,
            OnIkeSaEstablished = OnIkeSaEstablished,
        };
    }

    /// <summary>A datagram the IKE socket received (port 500, or 4500 with the non-ESP marker still on).</summary>
    public void Receive(IkeDatagram datagram)
    {
        using (gate.Hold())
        {
            if (gate.IsClosed)
            {
                return;
            }

            gate.BeginReceive();
            try
            {
                ReceiveOne(datagram);
                DrainDeferred();
            }
            finally
            {
                gate.EndReceive();
            }
        }
    }

    /// <summary>
    /// Negotiates IPsec SAs for a request (an acquire from the data plane, or an administrator):
    /// on an established ISAKMP SA with the peer when one has room under the quick mode limit,
    /// else after a new main mode. Nothing happens when an SA or negotiation for the same traffic
    /// already exists.
    /// </summary>
    public void Initiate(QuickModeRequest request)
    {
        using (gate.Hold())
        {
            if (!gate.IsClosed && !IsCoveredAlready(request))
            {
                context.Statistics.CountAcquire();
                StartQuickMode(request, replaces: null);
            }
        }
    }

    /// <summary>The data plane counted past an SA's byte limit: soft starts a rekey, hard removes the SA.</summary>
    public void OnKernelSaExpired(KernelSaId id, bool hard)
    {
        using (gate.Hold())
        {
            var child = context.ChildSas.FirstOrDefault(c => c.Protocols.Any(p => p.Inbound.Id == id || p.Outbound.Id == id));
            child?.OnKernelExpired(hard);
        }
    }

    /// <summary>
    /// A new policy (Sync-IpSecPolicy): new negotiations use it at once; child SAs whose traffic no
    /// rule covers any more are deleted with a DELETE to the peer.
    /// </summary>
    public void UpdatePolicy(IkePolicy policy)
    {
        using (gate.Hold())
        {
            context.Policy = policy;
            foreach (var child in context.ChildSas.ToArray())
            {
                var stillCovered = policy.ChildPolicies.Any(p => p.Mode == child.Mode && p.Local.Covers(child.LocalTrafficSelector) && p.Remote.Covers(child.RemoteTrafficSelector))
                    || (!child.IsInitiator && policy.DefaultResponse is not null && child.Mode == IpsecMode.Transport);
                if (!stillCovered)
                {
                    child.Delete(SaEndReason.PolicyChanged, notifyPeer: true);
                }
            }
        }
    }

    public IReadOnlyList<MainModeSaInfo> GetMainModeSas()
    {
        using (gate.Hold())
        {
            return context.IkeSas.Select(sa => new MainModeSaInfo
            {
                Id = sa.Id,
                Local = sa.Local,
                Remote = sa.Remote,
                State = sa.State,
                IsInitiator = sa.IsOriginalInitiator,
                Proposal = sa.Keymat.Algorithms?.Proposal.ToString() ?? string.Empty,
                Created = sa.CreatedAt,
                Established = sa.EstablishedAt,
                Lifetime = sa.Lifetime,
                QuickModes = sa.QuickModesCompleted,
                NatDetected = sa.NatDetected,
                PeerVendorIds = sa.Peer.Describe(),
                NegotiatedProposal = sa.Keymat.Algorithms?.Proposal,
                NatTraversal = sa.NatTraversal,
                PeerType = sa.Peer.WindowsVersion
                    ?? sa.Peer.VendorIds.FirstOrDefault(match => match.VendorId.Feature == VendorIdFeature.Implementation)?.VendorId.Name,
            }).ToArray();
        }
    }

    public IReadOnlyList<QuickModeSaInfo> GetQuickModeSas()
    {
        using (gate.Hold())
        {
            return context.ChildSas.Select(child => new QuickModeSaInfo
            {
                Id = child.Id,
                Policy = child.Policy.Name,
                Local = child.Local,
                Remote = child.Remote,
                LocalTrafficSelector = child.LocalTrafficSelector,
                RemoteTrafficSelector = child.RemoteTrafficSelector,
                Mode = child.Mode,
                State = child.State,
                IsInitiator = child.IsInitiator,
                Proposal = child.Proposal.ToString(),
                PerfectForwardSecrecy = child.Pfs,
                InboundSpis = child.InboundSpis,
                OutboundSpis = child.OutboundSpis,
                Installed = child.InstalledAt,
                Lifetime = child.Lifetime,
                LifetimeKilobytes = child.LifetimeKilobytes,
                UdpEncapsulated = child.Protocols[0].Outbound.Encapsulation is not null,
                Inbound = Usage(child.Protocols.Select(p => p.Inbound.Id)),
                Outbound = Usage(child.Protocols.Select(p => p.Outbound.Id)),
                NegotiatedProposal = child.Proposal,
                Encapsulation = child.Protocols[0].Outbound.Encapsulation,
            }).ToArray();
        }
    }

    /// <summary>
    /// The main mode statistics of the IP Security Monitor: counters since start, and the
    /// negotiations under way now (acquires we started that have no SA yet, exchanges we answer).
    /// </summary>
    public IkeStatistics GetStatistics()
    {
        using (gate.Hold())
        {
            var activeAcquire = context.IkeSas.Sum(sa => sa.Tasks.InitiatorTasks.OfType<QuickModeTask>().Count(task => task.Request is not null));
            var activeReceive = context.IkeSas.Sum(sa => sa.Tasks.RespondingExchanges);
            return context.Statistics.Snapshot(activeAcquire, activeReceive);
        }
    }

    /// <summary>
    /// The host's IKE socket failed to receive (an error other than a closed socket): counted as
    /// the IP Security Monitor's receive failures. Safe to call from any thread.
    /// </summary>
    public void ReportReceiveFailure() => context.Statistics.CountReceiveFailure();

    /// <summary>
    /// Cookies and phase 1 encryption key of every ISAKMP SA that has keys (from main mode
    /// message 3/4 on), for Export-IpSecWiresharkKey only. The keys are copies.
    /// </summary>
    public IReadOnlyList<IkeSaKeys> GetIkeSaKeys()
    {
        using (gate.Hold())
        {
            return context.IkeSas
                .Where(sa => sa.Keymat.Keys is not null && sa.Keymat.Algorithms is not null)
                .Select(sa => new IkeSaKeys
                {
                    Id = sa.Id,
                    InitiatorCookie = sa.InitiatorCookie,
                    ResponderCookie = sa.ResponderCookie,
                    Local = sa.Local,
                    Remote = sa.Remote,
                    Proposal = sa.Keymat.Algorithms!.Proposal,
                    EncryptionKey = sa.Keymat.Keys!.EncryptionKey.ToArray(),
                }).ToArray();
        }
    }

    /// <summary>Remove-IpSecMainModeSA: deletes the ISAKMP SA (DELETE to the peer); its quick mode SAs stay.</summary>
    public bool DeleteMainModeSa(string id)
    {
        using (gate.Hold())
        {
            var sa = context.IkeSas.FirstOrDefault(s => s.Id == id);
            sa?.Delete(SaEndReason.DeletedLocally, notifyPeer: true);
            return sa is not null;
        }
    }

    /// <summary>Remove-IpSecQuickModeSA: deletes both directions and tells the peer.</summary>
    public bool DeleteQuickModeSa(ulong id)
    {
        using (gate.Hold())
        {
            var child = context.ChildSas.FirstOrDefault(c => c.Id == id);
            child?.Delete(SaEndReason.DeletedLocally, notifyPeer: true);
            return child is not null;
        }
    }

    /// <summary>Jobs waiting on the engine's timer (tests: what an SA leaves behind).</summary>
    internal int PendingJobs => context.Scheduler.Pending;

    /// <summary>Finished exchanges kept with their last message, over all ISAKMP SAs (tests).</summary>
    internal int KeptAnswers
    {
        get
        {
            using (gate.Hold())
            {
                return context.IkeSas.Sum(sa => sa.Tasks.KeptAnswers);
            }
        }
    }

    /// <summary>Stop-IpSecEngine: every SA is deleted with a DELETE to its peer, then nothing runs any more.</summary>
    public void Dispose()
    {
        using (gate.Hold())
        {
            if (gate.IsClosed)
            {
                return;
            }

            foreach (var child in context.ChildSas.ToArray())
            {
                child.Delete(SaEndReason.Shutdown, notifyPeer: true);
            }

            foreach (var sa in context.IkeSas.ToArray())
            {
                sa.Delete(SaEndReason.Shutdown, notifyPeer: true);
            }

            gate.IsClosed = true;
            context.Scheduler.Dispose();
        }
    }

    private void RunJob(Action job)
    {
        using (gate.Hold())
        {
            if (!gate.IsClosed)
            {
                job();
            }
        }
    }

    private void ReceiveOne(IkeDatagram datagram)
    {
        try
        {
            ReceiveLocked(datagram);
        }
        catch (IkeSaGoneException)
        {
            // The SA went while its key exchange ran outside the lock; whatever removed it reported it.
        }
    }

    /// <summary>Processes, in order, the datagrams SAs held back while they computed (those not computing now).</summary>
    private void DrainDeferred()
    {
        while (!gate.IsClosed)
        {
            var sa = deferring.Find(s => !s.IsComputing && s.Deferred.Count > 0);
            if (sa is null)
            {
                break;
            }

            var next = sa.Deferred.Dequeue();
            if (sa.Deferred.Count == 0)
            {
                deferring.Remove(sa);
            }

            ReceiveOne(next);
        }

        deferring.RemoveAll(s => s.Deferred.Count == 0);
    }

    private void ReceiveLocked(IkeDatagram datagram)
    {
        var bytes = datagram.Payload;
        if (datagram.Local.Port == context.Options.NatTraversal.NatTraversalPort)
        {
            var kind = NatTraversalFraming.Classify(bytes.Span);
            if (kind != UdpEncapsulatedDatagramKind.Ike)
            {
                // Keepalives only keep a NAT mapping; ESP belongs to the data plane.
                return;
            }

            bytes = bytes[NatTraversalFraming.NonEspMarkerLength..];
        }

        if (!IsakmpHeader.TryRead(bytes.Span, out var header))
        {
            context.Statistics.CountInvalidPacket();
            return;
        }

        try
        {
            header.Verify();
        }
        catch (IsakmpProtocolException invalid)
        {
            context.Statistics.CountInvalidPacket();
            context.Tracer.Write("-", IkeTraceCategory.Receive, $"from {datagram.Remote}: {invalid.NotifyType}: {invalid.Message}");
            return;
        }

        var sa = FindSa(header, datagram.Remote) ?? CreateResponder(header, datagram);
        if (sa is null)
        {
            context.Statistics.CountInvalidCookie();
            context.Tracer.Write($"{header.InitiatorSpi:x16}/{header.ResponderSpi:x16}", IkeTraceCategory.Receive, $"{header.ExchangeType} from {datagram.Remote} for no ISAKMP SA of ours: dropped");
            return;
        }

        if (sa.IsComputing)
        {
            HoldBack(sa, datagram, bytes);
            return;
        }

        sa.Processing = bytes;
        try
        {
            sa.Tasks.Process(header, bytes, datagram.Local, datagram.Remote);
        }
        finally
        {
            sa.Processing = default;
        }
    }

    /// <summary>
    /// A datagram for an SA whose key exchange runs outside the lock: a copy of the message in
    /// progress (a retransmission) is dropped, since its answer is on the way; anything else waits.
    /// </summary>
    private void HoldBack(IkeSa sa, IkeDatagram datagram, ReadOnlyMemory<byte> bytes)
    {
        if (sa.Processing.Span.SequenceEqual(bytes.Span))
        {
            sa.Trace(IkeTraceCategory.Receive, "copy of the message in progress received: dropped");
            return;
        }

        if (sa.Deferred.Count >= MaximumDeferred)
        {
            sa.Trace(IkeTraceCategory.Receive, "message received while too many wait for the key exchange: dropped");
            return;
        }

        sa.Deferred.Enqueue(datagram);
        if (!deferring.Contains(sa))
        {
            deferring.Add(sa);
        }
    }

    private IkeSa? FindSa(IsakmpHeader header, IPEndPoint remote)
    {
        foreach (var sa in context.IkeSas.WithInitiatorCookie(header.InitiatorSpi))
        {
            if (sa.InitiatorCookie != header.InitiatorSpi)
            {
                continue;
            }

            if (sa.ResponderCookie == header.ResponderSpi && header.ResponderSpi != 0)
            {
                return sa;
            }

            // Message 2: our SA learns the responder's cookie. An error notify before it may carry none.
            if (sa.IsOriginalInitiator && sa.ResponderCookie == 0)
            {
                sa.ResponderCookie = header.ResponderSpi;
                return sa;
            }

            // A retransmitted message 1 for an SA we are already answering.
            if (!sa.IsOriginalInitiator && header.ResponderSpi == 0 && sa.Remote.Address.Equals(remote.Address))
            {
                return sa;
            }
        }

        return null;
    }

    /// <summary>Main mode message 1 from a new peer: a responder ISAKMP SA with a fresh cookie.</summary>
    private IkeSa? CreateResponder(IsakmpHeader header, IkeDatagram datagram)
    {
        if (header.ResponderSpi != 0 || header.ExchangeType != IsakmpExchangeType.MainMode || header.MessageId != 0)
        {
            return null;
        }

        var sa = new IkeSa(context, isOriginalInitiator: false, datagram.Local, datagram.Remote, header.InitiatorSpi, NewCookie());
        context.IkeSas.Add(sa);
        context.Statistics.CountReceive();
        sa.Trace(IkeTraceCategory.State, $"main mode from {datagram.Remote}");
        return sa;
    }

    private void StartQuickMode(QuickModeRequest request, ChildSa? replaces)
    {
        var key = context.Policy.FindPreSharedKey(request.RemoteAddress);
        if (key is null)
        {
            var local = new IPEndPoint(request.LocalAddress, context.Options.NatTraversal.IkePort);
            var remote = new IPEndPoint(request.RemoteAddress, context.Options.NatTraversal.IkePort);
            context.Statistics.CountAcquireFailure();
            context.Tracer.Write("-", IkeTraceCategory.Failure, $"no pre-shared key for {request.RemoteAddress}: {request.Policy.Name} cannot be negotiated");
            context.Publish(new NegotiationFailedEvent
            {
                Time = context.Now,
                Local = local,
                Remote = remote,
                IkeSaId = string.Empty,
                Mode = NegotiationMode.MainMode,
                Reason = NegotiationFailureReason.NoPolicy,
                FailurePoint = FailurePoint.Me,
                Detail = $"no pre-shared key is configured for {request.RemoteAddress}",
                Policy = request.Policy.Name,
            });
            return;
        }

        var sa = context.IkeSas.WithPeer(request.RemoteAddress).ToArray().LastOrDefault(s => s.CanStartQuickMode
            && (s.State == IkeSaState.Established || s.IsOriginalInitiator))
            ?? StartMainMode(request.LocalAddress, request.RemoteAddress, key.Key, replaces: null);
        sa.QuickModesStarted++;
        sa.Tasks.Queue(IsakmpExchangeType.QuickMode, new QuickModeTask(sa, request, replaces));
    }

    private IkeSa StartMainMode(IPAddress localAddress, IPAddress remoteAddress, ReadOnlyMemory<byte> key, IkeSa? replaces)
    {
        var port = context.Options.NatTraversal.IkePort;
        var sa = new IkeSa(context, isOriginalInitiator: true, new IPEndPoint(localAddress, port), new IPEndPoint(remoteAddress, port), NewCookie(), 0)
        {
            PreSharedKey = key,
            Replaces = replaces,

            // INITIAL-CONTACT only when we hold nothing with this peer: it makes the peer drop
            // everything it has with us.
            SendInitialContact = replaces is null && context.IkeSas.WithPeer(remoteAddress).Count == 0 && context.ChildSas.WithPeer(remoteAddress).Count == 0,
        };
        context.IkeSas.Add(sa);
        sa.Trace(IkeTraceCategory.State, $"main mode to {sa.Remote}{(replaces is null ? string.Empty : $", replacing {replaces.Id}")}");
        sa.Tasks.Queue(IsakmpExchangeType.MainMode, MainModeTask.InitiatorTasks(sa));
        return sa;
    }

    /// <summary>An installed child SA or a quick mode under way already protects this traffic with this peer.</summary>
    private bool IsCoveredAlready(QuickModeRequest request) =>
        context.ChildSas.WithPeer(request.RemoteAddress).ToArray().Any(child => child.State is ChildSaState.Installed or ChildSaState.Rekeying
            && child.LocalTrafficSelector.Equals(request.Local) && child.RemoteTrafficSelector.Equals(request.Remote))
        || context.IkeSas.Any(sa => sa.Tasks.InitiatorTasks.OfType<QuickModeTask>().Any(task =>
            task.Request is { } pending && pending.RemoteAddress.Equals(request.RemoteAddress)
            && pending.Local.Equals(request.Local) && pending.Remote.Equals(request.Remote)));

    /// <summary>A child SA reached its soft lifetime: a new quick mode for the same traffic; the old SA goes once the new one is in.</summary>
    private void RekeyChild(ChildSa child)
    {
        if (child.State != ChildSaState.Installed)
        {
            return;
        }

        child.State = ChildSaState.Rekeying;
        context.Tracer.Write("-", IkeTraceCategory.State, $"{child} reached its soft lifetime: rekeying");
        StartQuickMode(new QuickModeRequest(child.Policy, child.Local.Address, child.Remote.Address, child.LocalTrafficSelector, child.RemoteTrafficSelector), child);
    }

    /// <summary>An ISAKMP SA we started reached its soft lifetime: a new main mode; the old SA is deleted when it is up.</summary>
    private void RekeyIkeSa(IkeSa sa)
    {
        if (sa.State != IkeSaState.Established || sa.IsRekeyed)
        {
            return;
        }

        sa.IsRekeyed = true;
        sa.Trace(IkeTraceCategory.State, "main mode reached its soft lifetime: rekeying");
        StartMainMode(sa.Local.Address, sa.Remote.Address, sa.PreSharedKey, replaces: sa);
    }

    private void OnIkeSaEstablished(IkeSa sa)
    {
        if (sa.Replaces is { } old && old.State == IkeSaState.Established)
        {
            old.Delete(SaEndReason.Rekeyed, notifyPeer: true);
        }
    }

    private KernelSaUsage Usage(IEnumerable<KernelSaId> ids)
    {
        ulong bytes = 0, packets = 0;
        DateTimeOffset? last = null;
        foreach (var id in ids)
        {
            if (context.Kernel.TryQueryUsage(id, out var usage))
            {
                bytes += usage.Bytes;
                packets += usage.Packets;
                last = usage.LastUsed > last || last is null ? usage.LastUsed : last;
            }
        }

        return new KernelSaUsage(bytes, packets, last);
    }

    private static ulong NewCookie()
    {
        while (true)
        {
            var cookie = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
            if (cookie != 0)
            {
                return cookie;
            }
        }
    }
}
