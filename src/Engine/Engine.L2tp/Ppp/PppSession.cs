using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using Engine.L2tp.Ppp.Addressing;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Ipcp;
using Engine.L2tp.Ppp.Ipv6cp;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp;

/// <summary>
/// One PPP link over an L2TP session, server (gateway) or client role: LCP, then authentication,
/// then IPCP (and IPv6CP when enabled), then IP datagrams both ways (RFC 1661 section 3 phases).
/// No sockets: frames leave through <see cref="PppFrameSender"/> and arrive through
/// <see cref="Receive"/>; received datagrams go to <see cref="PppPacketReceiver"/>; time comes
/// from the options' TimeProvider.
/// <para>
/// Threading: control frames, timer expiries and host calls run one at a time under one lock.
/// Outgoing control frames and events leave in order after the lock is released, so neither the
/// send callback nor an event handler runs under the session lock (a handler may call
/// <see cref="Close"/>). IP datagrams take a lock-free path both ways.
/// </para>
/// </summary>
public sealed class PppSession : IDisposable
{
    private const int ControlFrameCapacity = 1504;
    private readonly PppSessionOptions options;
    private readonly PppFrameSender sendFrame;
    private readonly PppPacketReceiver deliverPacket;
    private readonly PppContext context;
    private readonly LayerHandlers handlers;
    private readonly LcpLayer lcp;
    private readonly NegotiationAutomaton ipcp;
    private readonly IpcpServerNegotiator? ipcpServer;
    private readonly IpcpClientNegotiator? ipcpClient;
    private readonly NegotiationAutomaton? ipv6cp;
    private readonly Ipv6cpNegotiator? ipv6cpNegotiator;
    private readonly PppTimer idleTimer;
    private IAuthenticationExchange? authentication;
    private Ipv4AddressLease? lease;
    private bool started;
    private bool finished;
    private bool openedRaised;
    private PppCloseReason? closeReason;
    private string? closeDetail;
    private volatile bool ipv4Up;
    private volatile bool ipv6Up;
    private volatile int sendCompression;
    private volatile int peerMru = LcpSettings.DefaultMru;
    private long lastActivity;
    private long packetsReceived;
    private long bytesReceived;
    private long packetsSent;
    private long bytesSent;
    private long framesDiscarded;

    public PppSession(PppSessionOptions options, PppFrameSender sendFrame, PppPacketReceiver deliverPacket)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.sendFrame = sendFrame;
        this.deliverPacket = deliverPacket;
        context = new PppContext(options.TimeProvider, options.RandomSource) { SendControl = SendControlPacket };
        handlers = new LayerHandlers(this);
        var authenticationProtocols = options.Role == PppRole.Server ? options.Server!.AuthenticationProtocols : options.Client!.AuthenticationProtocols;
        lcp = new LcpLayer(context, options.Lcp, options.Negotiation, options.Role, authenticationProtocols, handlers, handlers.ProtocolRejected, handlers.KeepaliveFailed);
        IOptionNegotiator ipcpNegotiator;
        if (options.Role == PppRole.Server)
        {
            ipcpServer = new IpcpServerNegotiator(options.Server!.LocalAddress, options.Server.DnsServers, options.Server.WinsServers);
            ipcpNegotiator = ipcpServer;
        }
        else
        {
            ipcpClient = new IpcpClientNegotiator(options.Client!.PreferredAddress, options.Client.RequestDns, options.Client.RequestWins);
            ipcpNegotiator = ipcpClient;
        }

        ipcp = new NegotiationAutomaton(context, (ushort)PppProtocol.Ipcp, "IPCP", ipcpNegotiator, handlers, options.Negotiation);
        if (options.EnableIpv6)
        {
            ipv6cpNegotiator = new Ipv6cpNegotiator(context);
            ipv6cp = new NegotiationAutomaton(context, (ushort)PppProtocol.Ipv6cp, "IPV6CP", ipv6cpNegotiator, handlers, options.Negotiation);
        }

        idleTimer = context.CreateTimer(static owner => ((PppSession)owner).OnIdleTimer(), this);
        lastActivity = options.TimeProvider.GetTimestamp();
    }

    /// <summary>IPCP is open and the address agreed: the host may route to <see cref="PeerAddress"/>.</summary>
    public event EventHandler<PppSessionOpenedEventArgs>? Opened;

    /// <summary>The session ended; raised once.</summary>
    public event EventHandler<PppSessionClosedEventArgs>? Closed;

    /// <summary>An authentication attempt failed (every attempt, not only the last).</summary>
    public event EventHandler<PppAuthenticationFailedEventArgs>? AuthenticationFailed;

    public PppRole Role => options.Role;

    public PppPhase Phase { get; private set; } = PppPhase.Dead;

    /// <summary>The authenticated user; null before authentication or without it.</summary>
    public string? UserName { get; private set; }

    public PppAuthenticationProtocol? AuthenticationProtocol { get; private set; }

    /// <summary>Our address on the link once IPCP is open.</summary>
    public IPAddress? LocalAddress { get; private set; }

    /// <summary>The peer's address on the link once IPCP is open.</summary>
    public IPAddress? PeerAddress { get; private set; }

    public IReadOnlyList<IPAddress> DnsServers { get; private set; } = [];

    public IReadOnlyList<IPAddress> WinsServers { get; private set; } = [];

    /// <summary>Interface identifiers (ours, the peer's) once IPv6CP is open: the fe80::/64 link-local addresses.</summary>
    public (ulong Local, ulong Peer)? Ipv6InterfaceIdentifiers { get; private set; }

    public bool IsIpv4Open => ipv4Up;

    public bool IsIpv6Open => ipv6Up;

    /// <summary>The largest frame the peer accepts (its MRU): the MTU for the tunnel interface.</summary>
    public int PeerMru => peerMru;

    /// <summary>Why the session closed, once it has.</summary>
    public PppCloseReason? CloseReason => finished ? closeReason : null;

    public PppSessionStatistics Statistics => new(
        Interlocked.Read(ref packetsReceived),
        Interlocked.Read(ref bytesReceived),
        Interlocked.Read(ref packetsSent),
        Interlocked.Read(ref bytesSent),
        Interlocked.Read(ref framesDiscarded));

    /// <summary>The LCP automaton's state, for diagnostics and tests.</summary>
    public AutomatonState LcpState => lcp.Automaton.State;

    public AutomatonState IpcpState => ipcp.State;

    /// <summary>The lower layer (the L2TP session) is up: LCP opens and starts negotiating.</summary>
    public void Start() => context.Run(() =>
    {
        if (started || finished)
        {
            return;
        }

        started = true;
        Phase = PppPhase.Establish;
        lcp.Automaton.Open();
        lcp.Automaton.Up();
    });

    /// <summary>One frame from the peer (the L2TP data message payload).</summary>
    public void Receive(ReadOnlySpan<byte> frame)
    {
        if (!PppFrame.TryRead(frame, out var parsed, out _))
        {
            Interlocked.Increment(ref framesDiscarded);
            return;
        }

        switch ((PppProtocol)parsed.Protocol)
        {
            case PppProtocol.Ipv4 when ipv4Up:
            case PppProtocol.Ipv6 when ipv6Up:
                Interlocked.Increment(ref packetsReceived);
                Interlocked.Add(ref bytesReceived, parsed.Information.Length);
                Volatile.Write(ref lastActivity, options.TimeProvider.GetTimestamp());
                deliverPacket(parsed.Information);
                return;
            case PppProtocol.Ipv4:
            case PppProtocol.Ipv6:
                // Datagrams before (or after) the NCP is open are silently discarded (RFC 1661 3.6).
                Interlocked.Increment(ref framesDiscarded);
                return;
        }

        var protocol = parsed.Protocol;
        var information = parsed.Information.ToArray();
        context.Run(() => ReceiveControl(protocol, information));
    }

    /// <summary>
    /// Sends an IP datagram (version from its first nibble) to the peer. False when its NCP is not
    /// open or it exceeds the peer's MRU.
    /// </summary>
    public bool SendPacket(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return false;
        }

        var version = packet[0] >> 4;
        PppProtocol protocol;
        if (version == 4 && ipv4Up)
        {
            protocol = PppProtocol.Ipv4;
        }
        else if (version == 6 && ipv6Up)
        {
            protocol = PppProtocol.Ipv6;
        }
        else
        {
            return false;
        }

        if (packet.Length > peerMru)
        {
            return false;
        }

        var compression = (PppFrameCompression)sendCompression;
        var length = PppFrame.HeaderSize((ushort)protocol, compression) + packet.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var writer = new PppPacketWriter(buffer);
            writer.WriteFrameHeader((ushort)protocol, compression);
            writer.WriteBytes(packet);
            sendFrame(writer.Written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Interlocked.Increment(ref packetsSent);
        Interlocked.Add(ref bytesSent, packet.Length);
        Volatile.Write(ref lastActivity, options.TimeProvider.GetTimestamp());
        return true;
    }

    /// <summary>Ends the session cleanly: LCP Terminate-Request, then Closed (Disconnect-VpnSession).</summary>
    public void Close() => context.Run(() => CloseSession(PppCloseReason.LocalClose, "closed by the administrator"));

    /// <summary>The tunnel under the session is gone (CDN, StopCCN): finish without a Terminate exchange.</summary>
    public void LowerLayerDown() => context.Run(() =>
    {
        if (finished)
        {
            return;
        }

        closeReason ??= PppCloseReason.LowerLayerDown;
        closeDetail ??= "the tunnel session went down";
        lcp.Automaton.Down();
        lcp.Automaton.Close(closeDetail);
        FinishIfLcpIdle();
    });

    /// <summary>Stops timers and returns the address; raises nothing and sends nothing.</summary>
    public void Dispose() => context.Run(() =>
    {
        finished = true;
        ipv4Up = false;
        ipv6Up = false;
        ReleaseResources();
        lcp.Dispose();
        ipcp.Dispose();
        ipv6cp?.Dispose();
    });

    private void ReceiveControl(ushort protocol, byte[] information)
    {
        if (finished)
        {
            return;
        }

        var lcpOpen = lcp.Automaton.State == AutomatonState.Opened;
        switch ((PppProtocol)protocol)
        {
            case PppProtocol.Lcp:
                lcp.Automaton.Receive(information);
                return;
            case PppProtocol.Pap:
            case PppProtocol.Chap:
                if (authentication is not null && authentication.PppProtocolNumber == protocol && Phase is PppPhase.Authenticate or PppPhase.Network)
                {
                    authentication.Receive(information);
                }
                else if (authentication is null)
                {
                    RejectOrDiscard(protocol, information, lcpOpen);
                }
                else
                {
                    Interlocked.Increment(ref framesDiscarded);
                }

                return;
            case PppProtocol.Ipcp:
                ReceiveNetworkControl(ipcp, protocol, information, lcpOpen);
                return;
            case PppProtocol.Ipv6cp:
                ReceiveNetworkControl(ipv6cp, protocol, information, lcpOpen);
                return;
            case PppProtocol.Ipv4:
            case PppProtocol.Ipv6:
                Interlocked.Increment(ref framesDiscarded);
                return;
            default:
                RejectOrDiscard(protocol, information, lcpOpen);
                return;
        }
    }

    /// <summary>
    /// A protocol we do not run: Protocol-Reject in the network phase; before it (RFC 1661 3.4 and
    /// 3.5: only LCP and the authentication protocol count) silently discarded, as pppd does.
    /// </summary>
    private void RejectOrDiscard(ushort protocol, byte[] information, bool lcpOpen)
    {
        if (lcpOpen && Phase == PppPhase.Network)
        {
            lcp.SendProtocolReject(protocol, information);
        }
        else
        {
            Interlocked.Increment(ref framesDiscarded);
        }
    }

    private void ReceiveNetworkControl(NegotiationAutomaton? layer, ushort protocol, byte[] information, bool lcpOpen)
    {
        if (layer is null)
        {
            RejectOrDiscard(protocol, information, lcpOpen);
            return;
        }

        // RFC 1661 section 3.5: during authentication only LCP and the authentication protocol count.
        if (Phase == PppPhase.Network)
        {
            layer.Receive(information);
        }
        else
        {
            Interlocked.Increment(ref framesDiscarded);
        }
    }

    private void SendControlPacket(ushort protocol, ReadOnlySpan<byte> packet)
    {
        // Built in a pooled buffer, not one per session: the frame is copied out before it is sent.
        var controlFrame = ArrayPool<byte>.Shared.Rent(ControlFrameCapacity);
        byte[] frame;
        try
        {
            var writer = new PppPacketWriter(controlFrame.AsSpan(0, ControlFrameCapacity));
            writer.WriteFrameHeader(protocol, (PppFrameCompression)sendCompression);
            writer.WriteBytesTruncated(packet);
            frame = writer.Written.ToArray();
            controlFrame.AsSpan(0, frame.Length).Clear();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(controlFrame);
        }

        context.Defer(() => sendFrame(frame));
    }

    private void CloseSession(PppCloseReason reason, string detail)
    {
        if (finished)
        {
            return;
        }

        closeReason ??= reason;
        closeDetail ??= detail;
        ipv4Up = false;
        ipv6Up = false;
        lcp.Automaton.Close(detail);
        FinishIfLcpIdle();
    }

    /// <summary>Close produces no This-Layer-Finished when LCP never started or already ended.</summary>
    private void FinishIfLcpIdle()
    {
        if (!finished && lcp.Automaton.State is AutomatonState.Initial or AutomatonState.Closed)
        {
            Finish(closeReason ?? PppCloseReason.LocalClose, closeDetail ?? "closed");
        }
    }

    private void OnLcpUp()
    {
        var negotiator = lcp.Negotiator;
        peerMru = negotiator.PeerMru;
        context.PeerMru = negotiator.PeerMru;
        sendCompression = (int)(options.Lcp.AcceptCompression ? negotiator.SendCompression : PppFrameCompression.None);
        lcp.Keepalive.Start();

        var protocol = options.Role == PppRole.Server ? negotiator.AgreedAuthentication : negotiator.PeerRequiredAuthentication;
        if (protocol is null)
        {
            EnterNetwork();
            return;
        }

        Phase = PppPhase.Authenticate;
        authentication?.Dispose();
        authentication = CreateAuthentication(protocol.Value);
        authentication.Start();
    }

    private IAuthenticationExchange CreateAuthentication(PppAuthenticationProtocol protocol)
    {
        if (options.Role == PppRole.Server)
        {
            var server = options.Server!;
            return protocol == PppAuthenticationProtocol.Pap
                ? new PapAuthenticator(context, server.Authentication, server.UserLookup!, handlers)
                : new ChapAuthenticator(context, protocol, server.Authentication, options.Negotiation, server.UserLookup!, handlers);
        }

        var client = options.Client!;
        return protocol == PppAuthenticationProtocol.Pap
            ? new PapPeer(context, client.UserName, client.Password, options.Negotiation, handlers)
            : new ChapPeer(context, protocol, client.UserName, client.Password, client.AuthenticationTimeout, options.Negotiation, handlers);
    }

    private void OnLcpDown()
    {
        ipv4Up = false;
        ipv6Up = false;
        lcp.Keepalive.Stop();
        authentication?.Stop();
        idleTimer.Stop();
        ipcp.Down();
        ipv6cp?.Down();
        if (!finished)
        {
            Phase = lcp.Automaton.State is AutomatonState.Closing or AutomatonState.Stopping ? PppPhase.Terminate : PppPhase.Establish;
        }
    }

    private void EnterNetwork()
    {
        if (finished || Phase == PppPhase.Network)
        {
            return;
        }

        if (ipcpServer is not null)
        {
            if (lease is not null && !string.Equals(lease.UserName, UserName, StringComparison.OrdinalIgnoreCase))
            {
                lease.Dispose();
                lease = null;
            }

            var failure = AddressAllocationFailure.None;
            lease ??= options.Server!.AddressPool.TryLease(UserName, out failure);
            if (lease is null)
            {
                CloseSession(PppCloseReason.AddressUnavailable, failure == AddressAllocationFailure.StaticAddressInUse
                    ? "the user's static address is held by another session"
                    : "the address pool is exhausted");
                return;
            }

            ipcpServer.AssignedPeerAddress = Ipv4OptionValue.ToNumber(lease.Address);
        }

        Phase = PppPhase.Network;
        ipcp.Open();
        ipcp.Up();
        ipv6cp?.Open();
        ipv6cp?.Up();
        if (options.IdleTimeout > TimeSpan.Zero)
        {
            Volatile.Write(ref lastActivity, options.TimeProvider.GetTimestamp());
            idleTimer.Start(options.IdleTimeout);
        }
    }

    private void OnIpcpUp()
    {
        if (finished)
        {
            return;
        }

        IPAddress local;
        IPAddress peer;
        if (ipcpServer is not null)
        {
            if (ipcpServer.AgreedPeerAddress != ipcpServer.AssignedPeerAddress)
            {
                CloseSession(PppCloseReason.NegotiationFailed, "the client did not take the address it was assigned");
                return;
            }

            local = options.Server!.LocalAddress;
            peer = lease!.Address;
            DnsServers = options.Server.DnsServers;
            WinsServers = options.Server.WinsServers;
        }
        else
        {
            var client = ipcpClient!;
            if (client.LocalAddress == 0)
            {
                CloseSession(PppCloseReason.AddressUnavailable, "the server assigned no IP address");
                return;
            }

            local = Ipv4OptionValue.ToAddress(client.LocalAddress);
            peer = Ipv4OptionValue.ToAddress(client.PeerAddress);
            DnsServers = NonZero(client.PrimaryDns, client.SecondaryDns);
            WinsServers = NonZero(client.PrimaryWins, client.SecondaryWins);
        }

        LocalAddress = local;
        PeerAddress = peer;
        ipv4Up = true;
        if (openedRaised)
        {
            return;
        }

        openedRaised = true;
        var args = new PppSessionOpenedEventArgs(UserName, AuthenticationProtocol, local, peer, DnsServers, WinsServers, peerMru);
        context.Defer(() => Opened?.Invoke(this, args));
    }

    private void OnIpv6cpUp()
    {
        if (finished || ipv6cpNegotiator is null)
        {
            return;
        }

        Ipv6InterfaceIdentifiers = (ipv6cpNegotiator.LocalIdentifier, ipv6cpNegotiator.PeerIdentifier);
        ipv6Up = true;
    }

    /// <summary>An NCP finished: when none is left running the link has no purpose (pppd does the same).</summary>
    private void OnNcpFinished(NegotiationAutomaton layer)
    {
        if (finished || Phase != PppPhase.Network)
        {
            return;
        }

        var anyRunning = IsRunning(ipcp) || (ipv6cp is not null && IsRunning(ipv6cp));
        if (anyRunning)
        {
            return;
        }

        var reason = layer.FailureReason ?? PppCloseReason.NoNetworkProtocol;
        CloseSession(reason, layer.FailureDetail ?? $"{layer.Name} finished and no network protocol is left");
    }

    private static bool IsRunning(NegotiationAutomaton layer) =>
        layer.State is AutomatonState.RequestSent or AutomatonState.AckReceived or AutomatonState.AckSent or AutomatonState.Opened;

    private void OnLcpFinished(LayerFinishCause cause)
    {
        var automaton = lcp.Automaton;
        var (reason, detail) = cause switch
        {
            LayerFinishCause.NegotiationFailed => (automaton.FailureReason ?? PppCloseReason.NegotiationFailed, automaton.FailureDetail ?? "LCP negotiation failed"),
            LayerFinishCause.NegotiationTimeout => (PppCloseReason.NegotiationTimeout, "the peer did not answer LCP Configure-Requests"),
            LayerFinishCause.PeerTerminated => (PppCloseReason.PeerTerminated, "the peer terminated the link"),
            LayerFinishCause.Rejected => (PppCloseReason.ProtocolRejected, "the peer rejected LCP"),
            _ => (PppCloseReason.LocalClose, "closed"),
        };

        // A reason the session chose when it started closing (keepalive, idle, authentication...) wins.
        Finish(closeReason ?? reason, closeDetail ?? detail);
    }

    private void Finish(PppCloseReason reason, string detail)
    {
        if (finished)
        {
            return;
        }

        finished = true;
        closeReason = reason;
        closeDetail = detail;
        Phase = PppPhase.Dead;
        ipv4Up = false;
        ipv6Up = false;
        ReleaseResources();
        if (reason == PppCloseReason.AuthenticationProtocolRefused)
        {
            var refused = new PppAuthenticationFailedEventArgs(null, null, AuthenticationFailureReason.ProtocolRefused, final: true);
            context.Defer(() => AuthenticationFailed?.Invoke(this, refused));
        }

        var args = new PppSessionClosedEventArgs(reason, detail, UserName);
        context.Defer(() => Closed?.Invoke(this, args));
    }

    private void ReleaseResources()
    {
        idleTimer.Stop();
        lcp.Keepalive.Stop();
        authentication?.Stop();
        authentication?.Dispose();
        authentication = null;
        lease?.Dispose();
        lease = null;
    }

    private void OnIdleTimer()
    {
        if (finished || Phase != PppPhase.Network)
        {
            return;
        }

        var idle = options.TimeProvider.GetElapsedTime(Volatile.Read(ref lastActivity));
        if (idle >= options.IdleTimeout)
        {
            CloseSession(PppCloseReason.IdleTimeout, $"no traffic for {options.IdleTimeout.TotalSeconds:0} s");
            return;
        }

        idleTimer.Start(options.IdleTimeout - idle);
    }

    private static IReadOnlyList<IPAddress> NonZero(uint first, uint second)
    {
        var list = new List<IPAddress>(2);
        if (first != 0)
        {
            list.Add(Ipv4OptionValue.ToAddress(first));
        }

        if (second != 0)
        {
            list.Add(Ipv4OptionValue.ToAddress(second));
        }

        return list;
    }

    /// <summary>
    /// The session's answers to its layers. Reactions that touch another layer are posted, so they
    /// run after the reporting layer has finished its transition.
    /// </summary>
    private sealed class LayerHandlers : ILayerEvents, IAuthenticationObserver
    {
        private readonly PppSession session;

        public LayerHandlers(PppSession session)
        {
            this.session = session;
        }

        public void ThisLayerUp(NegotiationAutomaton layer)
        {
            if (layer == session.lcp.Automaton)
            {
                session.context.Post(session.OnLcpUp);
            }
            else if (layer == session.ipcp)
            {
                session.context.Post(session.OnIpcpUp);
            }
            else
            {
                session.context.Post(session.OnIpv6cpUp);
            }
        }

        public void ThisLayerDown(NegotiationAutomaton layer)
        {
            if (layer == session.lcp.Automaton)
            {
                session.ipv4Up = false;
                session.ipv6Up = false;
                session.context.Post(session.OnLcpDown);
            }
            else if (layer == session.ipcp)
            {
                session.ipv4Up = false;
            }
            else
            {
                session.ipv6Up = false;
            }
        }

        public void ThisLayerStarted(NegotiationAutomaton layer)
        {
            // The lower layer is already up when a layer is opened here; nothing to request.
        }

        public void ThisLayerFinished(NegotiationAutomaton layer, LayerFinishCause cause)
        {
            if (layer == session.lcp.Automaton)
            {
                session.context.Post(() => session.OnLcpFinished(cause));
            }
            else
            {
                session.context.Post(() => session.OnNcpFinished(layer));
            }
        }

        public void ProtocolRejected(ushort protocol) => session.context.Post(() =>
        {
            switch ((PppProtocol)protocol)
            {
                case PppProtocol.Ipcp:
                    session.ipcp.ProtocolRejected();
                    break;
                case PppProtocol.Ipv6cp:
                    session.ipv6cp?.ProtocolRejected();
                    break;
            }
        });

        public void KeepaliveFailed() =>
            session.context.Post(() => session.CloseSession(PppCloseReason.KeepaliveTimeout, "the peer stopped answering LCP Echo-Requests"));

        public void AuthenticationSucceeded(string userName, PppAuthenticationProtocol protocol) => session.context.Post(() =>
        {
            if (session.finished || session.Phase != PppPhase.Authenticate)
            {
                return;
            }

            session.UserName = userName;
            session.AuthenticationProtocol = protocol;
            session.EnterNetwork();
        });

        public void AuthenticationFailed(string? userName, PppAuthenticationProtocol protocol, AuthenticationFailureReason reason, bool final)
        {
            var args = new PppAuthenticationFailedEventArgs(userName, protocol, reason, final);
            session.context.Defer(() => session.AuthenticationFailed?.Invoke(session, args));
            if (!final)
            {
                return;
            }

            session.context.Post(() => session.CloseSession(
                reason == AuthenticationFailureReason.Timeout ? PppCloseReason.AuthenticationTimeout : PppCloseReason.AuthenticationFailed,
                reason == AuthenticationFailureReason.Timeout ? "authentication timed out" : $"authentication failed ({reason})"));
        }
    }
}
