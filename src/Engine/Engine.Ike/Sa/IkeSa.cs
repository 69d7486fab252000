using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Events;
using Engine.Ike.Keymat;
using Engine.Ike.Scheduling;
using Engine.Ike.TaskManagement;
using Engine.Ike.Trace;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Sa;

/// <summary>
/// One ISAKMP SA (strongSwan's ike_sa_t for IKEv1): the cookies, its state, keys, the peer, NAT
/// state, lifetime, and its task manager. All of it is touched only with the engine's lock held.
/// </summary>
internal sealed class IkeSa
{
    private ScheduledJob? halfOpenTimeout;
    private ScheduledJob? hardExpiry;
    private ScheduledJob? softExpiry;
    private SaEndReason? pendingDeletion;
    private IPEndPoint remote;
    private ulong responderCookie;
    private string? id;

    public IkeSa(IkeContext context, bool isOriginalInitiator, IPEndPoint local, IPEndPoint remote, ulong initiatorCookie, ulong responderCookie)
    {
        Context = context;
        IsOriginalInitiator = isOriginalInitiator;
        Local = local;
        this.remote = remote;
        InitiatorCookie = initiatorCookie;
        this.responderCookie = responderCookie;
        MainMode = context.Policy.MainMode;
        CreatedAt = context.Now;
        LastInbound = context.Now;
        Tasks = new TaskManager(this);
        DeadPeerDetection = new DeadPeerDetector(this);
        Keepalive = new NatKeepalive(this);
        if (!isOriginalInitiator)
        {
            halfOpenTimeout = context.Scheduler.Schedule(context.Options.HalfOpenTimeout, "half-open timeout", OnHalfOpenTimeout);
        }
    }

    public IkeContext Context { get; }

    /// <summary>A key exchange of this SA runs outside the engine's lock (<see cref="EngineGate"/>): its datagrams wait.</summary>
    public bool IsComputing { get; set; }

    /// <summary>The datagram being processed (IKE message without the non-ESP marker), to drop its copies meanwhile.</summary>
    public ReadOnlyMemory<byte> Processing { get; set; }

    /// <summary>Datagrams of this SA that arrived while it computed, processed in order once it is done.</summary>
    public Queue<Network.IkeDatagram> Deferred { get; } = new();

    public bool IsOriginalInitiator { get; }

    public IPEndPoint Local { get; set; }

    public IPEndPoint Remote
    {
        get => remote;
        set
        {
            var previous = remote.Address;
            remote = value;
            if (!previous.Equals(value.Address))
            {
                Context.IkeSas.OnPeerAddressChanged(this, previous);
            }
        }
    }

    public ulong InitiatorCookie { get; }

    public ulong ResponderCookie
    {
        get => responderCookie;
        set
        {
            responderCookie = value;
            id = null;
        }
    }

    /// <summary>Both cookies in hex, as traces, events and the cmdlets name the SA (made once per cookie pair).</summary>
    public string Id => id ??= $"{InitiatorCookie.ToString("x16", CultureInfo.InvariantCulture)}/{ResponderCookie.ToString("x16", CultureInfo.InvariantCulture)}";

    public IkeSaState State { get; private set; } = IkeSaState.Connecting;

    public IkeSaKeymat Keymat { get; } = new();

    public TaskManager Tasks { get; }

    public PeerCapabilities Peer { get; } = new();

    public DeadPeerDetector DeadPeerDetection { get; }

    public NatKeepalive Keepalive { get; }

    /// <summary>The main mode settings in force when this SA started.</summary>
    public MainModePolicy MainMode { get; }

    public ReadOnlyMemory<byte> PreSharedKey { get; set; }

    public DiffieHellmanGroup? Group => Keymat.Algorithms?.Proposal.Group;

    public NatTraversalVersion NatTraversal { get; set; }

    public bool LocalBehindNat { get; set; }

    public bool RemoteBehindNat { get; set; }

    public bool NatDetected => LocalBehindNat || RemoteBehindNat;

    /// <summary>Whether we send INITIAL-CONTACT in main mode 5 (no other SA with this peer when we started).</summary>
    public bool SendInitialContact { get; set; }

    public bool PeerSentInitialContact { get; set; }

    public int QuickModesStarted { get; set; }

    public int QuickModesCompleted { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? EstablishedAt { get; private set; }

    public TimeSpan Lifetime => Keymat.Algorithms?.Lifetime ?? MainMode.Lifetime;

    /// <summary>When the peer was last heard from (any authenticated message), for DPD.</summary>
    public DateTimeOffset LastInbound { get; set; }

    /// <summary>Set once a newer ISAKMP SA replaces this one: no new quick modes start here.</summary>
    public bool IsRekeyed { get; set; }

    /// <summary>The ISAKMP SA this one renews; it is deleted once this one is established.</summary>
    public IkeSa? Replaces { get; set; }

    public byte[] InitiatorCookieBytes => CookieBytes(InitiatorCookie);

    public byte[] ResponderCookieBytes => CookieBytes(ResponderCookie);

    /// <summary>Room for another quick mode under the main mode's limit (master key PFS: one).</summary>
    public bool CanStartQuickMode =>
        State is IkeSaState.Established or IkeSaState.Connecting && !IsRekeyed && pendingDeletion is null
        && (MainMode.EffectiveQuickModeLimit == 0 || QuickModesStarted < MainMode.EffectiveQuickModeLimit);

    /// <summary>
    /// Main mode is done (after message 6 went out or was verified): the IV chain's last block
    /// starts every later exchange, 541 is published, the lifetime runs, INITIAL-CONTACT is
    /// honoured, and queued quick modes may start.
    /// </summary>
    public void OnMainModeEstablished()
    {
        Keymat.CompletePhase1();
        State = IkeSaState.Established;
        EstablishedAt = Context.Now;
        LastInbound = Context.Now;
        halfOpenTimeout?.Cancel();
        Trace(IkeTraceCategory.State, $"main mode established with {Remote} as {(IsOriginalInitiator ? "initiator" : "responder")}: {Keymat.Algorithms!.Proposal}, lifetime {Lifetime}");
        Context.Publish(new MainModeEstablishedEvent
        {
            Time = Context.Now,
            Local = Local,
            Remote = Remote,
            IkeSaId = Id,
            IsInitiator = IsOriginalInitiator,
            Proposal = Keymat.Algorithms!.Proposal.ToString(),
            Lifetime = Lifetime,
            PeerVendorIds = Peer.Describe(),
        });
        hardExpiry = Context.Scheduler.Schedule(Lifetime, "main mode expiry", () => Delete(SaEndReason.Expired, notifyPeer: true));
        var rekey = Context.Options.Rekey;
        if (rekey.Enabled && IsOriginalInitiator)
        {
            var soft = Lifetime - Lifetime * (rekey.MarginFraction + rekey.JitterFraction * Random.Shared.NextDouble());
            softExpiry = Context.Scheduler.Schedule(soft, "main mode rekey", () => Context.IkeSaSoftExpired?.Invoke(this));
        }

        DeadPeerDetection.Start();
        Keepalive.Start();
        if (PeerSentInitialContact)
        {
            HonourInitialContact();
        }

        Context.OnIkeSaEstablished?.Invoke(this);
    }

    /// <summary>One more quick mode finished; at the limit (master key PFS: the first) this SA is retired.</summary>
    public void OnQuickModeCompleted()
    {
        QuickModesCompleted++;
        var limit = MainMode.EffectiveQuickModeLimit;
        if (limit > 0 && QuickModesCompleted >= limit)
        {
            Trace(IkeTraceCategory.State, $"quick mode limit {limit} reached{(MainMode.MasterKeyPfs ? " (master key PFS)" : string.Empty)}: the main mode SA is deleted");
            pendingDeletion = SaEndReason.QuickModeLimit;
        }
    }

    /// <summary>Runs a deletion that was asked for while an exchange was being processed.</summary>
    public void RunPendingDeletion()
    {
        if (pendingDeletion is { } reason && Tasks.IsIdle)
        {
            pendingDeletion = null;
            Delete(reason, notifyPeer: true);
        }
    }

    /// <summary>
    /// Ends this ISAKMP SA: a DELETE to the peer when it is established and asked for, 543, and
    /// removal. Its child SAs stay, as IKEv1 lets them (their own lifetimes end them).
    /// </summary>
    public void Delete(SaEndReason reason, bool notifyPeer)
    {
        if (State is IkeSaState.Destroyed or IkeSaState.Deleting)
        {
            return;
        }

        var wasEstablished = State == IkeSaState.Established;
        if (wasEstablished && notifyPeer)
        {
            Tasks.SendInformational([DeletePayload.ForIsakmpSa(InitiatorCookie, ResponderCookie)]);
        }

        State = IkeSaState.Deleting;
        Trace(IkeTraceCategory.State, $"main mode SA deleted: {reason}");
        if (wasEstablished)
        {
            Context.Publish(new MainModeEndedEvent { Time = Context.Now, Local = Local, Remote = Remote, IkeSaId = Id, Reason = reason });
        }

        Destroy();
    }

    /// <summary>Removes the SA without a word to anyone: timers stop, unfinished exchanges are aborted, keys wiped.</summary>
    public void Destroy()
    {
        if (State == IkeSaState.Destroyed)
        {
            return;
        }

        State = IkeSaState.Destroyed;
        halfOpenTimeout?.Cancel();
        hardExpiry?.Cancel();
        softExpiry?.Cancel();
        DeadPeerDetection.Stop();
        Keepalive.Stop();
        Tasks.Abort();
        Keymat.Dispose();
        Context.IkeSas.Remove(this);
    }

    public void Trace(IkeTraceCategory category, string text) => Context.Tracer.Write(Id, category, text);

    /// <summary>A trace line formatted only when the trace is on (the SA's id included).</summary>
    public void Trace(IkeTraceCategory category, [InterpolatedStringHandlerArgument("", "category")] ref IkeTraceMessage text)
    {
        if (text.IsEnabled)
        {
            Context.Tracer.Write(Id, category, text.ToStringAndClear());
        }
    }

    public override string ToString() => $"ISAKMP SA {Id} {Local} <-> {Remote} {State}";

    /// <summary>
    /// Whether <paramref name="remote"/> is this SA's peer: the same address, and behind a NAT also
    /// the same port, because every host behind one NAT shares its address (L2TP/IPsec clients in
    /// one office): one of them rebooting or dying must not take the others' SAs with it.
    /// </summary>
    public bool IsSamePeer(IPEndPoint remote) =>
        remote.Address.Equals(Remote.Address) && (!RemoteBehindNat || remote.Port == Remote.Port);

    /// <summary>The quick mode SAs negotiated with this SA's peer (<see cref="IsSamePeer"/>).</summary>
    public ChildSa[] ChildSasOfPeer() => Context.ChildSas.WithPeer(Remote.Address).ToArray().Where(child => IsSamePeer(child.Remote)).ToArray();

    /// <summary>The other ISAKMP SAs with this SA's peer (<see cref="IsSamePeer"/>).</summary>
    public IkeSa[] OtherSasOfPeer() => Context.IkeSas.WithPeer(Remote.Address).ToArray().Where(other => other != this && IsSamePeer(other.Remote)).ToArray();

    /// <summary>
    /// The peer says it has no state from before (it rebooted): every other SA with it is stale.
    /// They go without DELETE, which the peer could not read anyway.
    /// </summary>
    public void HonourInitialContact()
    {
        var stale = OtherSasOfPeer();
        var staleChildren = ChildSasOfPeer();
        if (stale.Length == 0 && staleChildren.Length == 0)
        {
            return;
        }

        Trace(IkeTraceCategory.State, $"INITIAL-CONTACT from {Remote.Address}: removing {stale.Length} main mode and {staleChildren.Length} quick mode SAs");
        Context.Publish(new PeerInformationEvent
        {
            Time = Context.Now,
            Local = Local,
            Remote = Remote,
            IkeSaId = Id,
            Message = $"INITIAL-CONTACT from {Remote.Address}: {stale.Length} main mode and {staleChildren.Length} quick mode SAs removed",
        });
        foreach (var child in staleChildren)
        {
            child.Delete(SaEndReason.InitialContact, notifyPeer: false);
        }

        foreach (var other in stale)
        {
            other.Delete(SaEndReason.InitialContact, notifyPeer: false);
        }
    }

    private void OnHalfOpenTimeout()
    {
        if (State == IkeSaState.Connecting)
        {
            Tasks.FailAll(new IkeNegotiationException(
                NegotiationFailureReason.NoResponse,
                FailurePoint.Peer,
                $"main mode with {Remote} did not finish within {Context.Options.HalfOpenTimeout.TotalSeconds} s"));
        }
    }

    private static byte[] CookieBytes(ulong cookie)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, cookie);
        return bytes;
    }
}
