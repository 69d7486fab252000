using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Messages;
using Engine.L2tp.L2tp.Reliable;

namespace Engine.L2tp.L2tp;

/// <summary>
/// One control connection and its sessions (RFC 2661 sections 5.1, 5.7 and 7.2). It answers an
/// SCCRQ (LNS) or sends one (<see cref="L2tpEndpoint.OpenTunnel"/>), with tunnel authentication
/// when a secret is configured, keeps the peer alive with Hello after a quiet minute, and closes
/// with a StopCCN from either side, after which its control channel stays for one full
/// retransmission cycle to acknowledge a retransmitted StopCCN (section 5.7). Calls arrive as
/// ICRQs or are placed with <see cref="OpenSession"/>. Outgoing calls (OCRQ) are refused: a
/// remote-access gateway has nothing to dial.
/// </summary>
public sealed class L2tpTunnel : IControlChannelOwner
{
    private const int ChallengeLength = 16;
    private const int RandomVectorLength = 16;
    private readonly L2tpEndpoint endpoint;
    private readonly ControlChannel channel;
    private readonly Dictionary<ushort, L2tpSession> sessions = new();
    private readonly DemandTimer helloTimer;
    private DemandTimer? holdTimer; // only once the tunnel is closing
    private byte[]? challengeSent;
    private long lastActivity;

    internal L2tpTunnel(L2tpEndpoint endpoint, L2tpPeerKey peer, ushort localTunnelId, bool initiator)
    {
        this.endpoint = endpoint;
        Peer = peer;
        LocalTunnelId = localTunnelId;
        IsInitiator = initiator;
        channel = new ControlChannel(endpoint.Options.ControlChannel, endpoint.Time, this, endpoint.Gate);
        helloTimer = new DemandTimer(endpoint.Time, static state => ((L2tpTunnel)state!).OnHelloTimer(), this);
        lastActivity = endpoint.Time.GetTimestamp();
    }

    public L2tpPeerKey Peer { get; internal set; }

    /// <summary>This side's tunnel ID: the one in the headers the peer sends.</summary>
    public ushort LocalTunnelId { get; }

    /// <summary>The peer's tunnel ID (0 until its SCCRQ or SCCRP assigned one).</summary>
    public ushort PeerTunnelId { get; private set; }

    /// <summary>True when this side sent the SCCRQ.</summary>
    public bool IsInitiator { get; }

    public L2tpTunnelState State { get; private set; }

    public string? PeerHostName { get; private set; }

    public string? PeerVendorName { get; private set; }

    public ushort? PeerFirmwareRevision { get; private set; }

    public L2tpFraming? PeerFramingCapabilities { get; private set; }

    public L2tpBearer? PeerBearerCapabilities { get; private set; }

    /// <summary>The peer's Receive Window Size AVP, or 4 when it sent none.</summary>
    public int PeerReceiveWindowSize => channel.PeerReceiveWindowSize;

    /// <summary>The tie breaker this side sent in its SCCRQ, if any.</summary>
    public ulong? TieBreaker { get; private set; }

    /// <summary>The peer proved knowledge of the tunnel secret (this side challenged and the response matched).</summary>
    public bool PeerAuthenticated { get; private set; }

    public DateTimeOffset? EstablishedAt { get; private set; }

    public L2tpCloseReason? CloseReason { get; private set; }

    public ControlChannelCounters ControlCounters => channel.Counters;

    /// <summary>The sessions of this tunnel that are not closed.</summary>
    public IReadOnlyList<L2tpSession> Sessions
    {
        get
        {
            lock (endpoint.Gate)
            {
                return sessions.Values.ToArray();
            }
        }
    }

    internal L2tpEndpoint Endpoint => endpoint;

    internal ControlChannel Channel => channel;

    /// <summary>
    /// Places a call on this tunnel (the LAC side of section 5.4.1): the ICRQ goes out now, or as
    /// soon as the tunnel is established. <see cref="IL2tpEndpointHandler.SessionUp"/> follows the ICRP.
    /// </summary>
    public L2tpSession OpenSession()
    {
        lock (endpoint.Gate)
        {
            if (State is not (L2tpTunnelState.WaitControlReply or L2tpTunnelState.Established))
            {
                throw new InvalidOperationException($"tunnel {LocalTunnelId} is {State}: no call can be placed on it");
            }

            var session = new L2tpSession(this, AllocateSessionId(), L2tpCallRole.Caller, endpoint.NextCallSerialNumber());
            sessions.Add(session.LocalSessionId, session);
            if (State == L2tpTunnelState.Established)
            {
                SendIncomingCallRequest(session);
            }

            return session;
        }
    }

    /// <summary>Clears the tunnel and all its sessions with a StopCCN (default result 1, general request).</summary>
    public void Close(L2tpResult? result = null)
    {
        lock (endpoint.Gate)
        {
            Stop(result ?? L2tpResult.StopCcn(StopCcnResultCode.GeneralRequest), L2tpCloseKind.LocalRequest, "closed by this side");
        }
    }

    public override string ToString() => $"tunnel {LocalTunnelId}/{PeerTunnelId} with {Peer} ({State})";

    void IControlChannelOwner.Transmit(ReadOnlySpan<byte> datagram) => endpoint.Handler.SendDatagram(Peer, datagram);

    void IControlChannelOwner.Deliver(in L2tpHeader header, ReadOnlySpan<byte> body)
    {
        if (State is L2tpTunnelState.Closing or L2tpTunnelState.Holding or L2tpTunnelState.Closed)
        {
            // Nothing more happens on a tunnel that is going away, but the peer gets its
            // acknowledgment now: the tunnel may be released before a delayed one would go out
            // (both sides sending StopCCN at once, for instance).
            endpoint.Counters.CountIgnored();
            channel.SendZeroLengthBody();
            return;
        }

        ControlMessage? message;
        try
        {
            message = ControlMessage.Decode(body, endpoint.Options.TunnelSecret.Span);
        }
        catch (L2tpProtocolException refusal)
        {
            Refused(refusal, header.SessionId);
            return;
        }

        if (message is null)
        {
            endpoint.Counters.CountIgnored();
            return;
        }

        Dispatch(message, header.SessionId);
    }

    void IControlChannelOwner.RetransmissionsExhausted()
    {
        TearDown(new L2tpCloseReason(L2tpCloseKind.PeerUnreachable, null, "a control message went unacknowledged through every retransmission"));
        Free();
    }

    /// <summary>Sends the SCCRQ of a tunnel this side opens.</summary>
    internal void Start()
    {
        var options = endpoint.Options;
        if (options.ChallengePeer)
        {
            challengeSent = endpoint.RandomBytes(ChallengeLength);
        }

        if (options.SendTieBreaker)
        {
            TieBreaker = BitConverter.ToUInt64(endpoint.RandomBytes(8));
        }

        State = L2tpTunnelState.WaitControlReply;
        SendMessage(new Sccrq
        {
            HostName = options.HostName,
            FramingCapabilities = options.FramingCapabilities,
            AssignedTunnelId = LocalTunnelId,
            BearerCapabilities = options.BearerCapabilities,
            ReceiveWindowSize = options.ControlChannel.ReceiveWindowSize,
            Challenge = challengeSent,
            TieBreaker = TieBreaker,
            FirmwareRevision = options.FirmwareRevision,
            VendorName = options.VendorName,
        }, 0);
    }

    /// <summary>Any datagram from the peer: it is alive, so the Hello can wait.</summary>
    internal void NoteActivity() => lastActivity = endpoint.Time.GetTimestamp();

    /// <summary>After the channel took a packet: a StopCCN this side sent is acknowledged, so the tunnel can go.</summary>
    internal void AfterReceive()
    {
        if (State == L2tpTunnelState.Closing && channel.IsIdle)
        {
            Free();
        }
    }

    internal bool TryGetSession(ushort localSessionId, out L2tpSession session) => sessions.TryGetValue(localSessionId, out session!);

    internal void SendMessage(ControlMessage message, ushort peerSessionId)
    {
        var options = endpoint.Options;
        AvpHidingOptions? hiding = null;
        if (!options.TunnelSecret.IsEmpty && options.HiddenAvpTypes.Count > 0)
        {
            hiding = new AvpHidingOptions(options.TunnelSecret, options.HiddenAvpTypes, endpoint.RandomBytes(RandomVectorLength));
        }

        channel.Send(message.Encode(hiding), PeerTunnelId, peerSessionId);
    }

    /// <summary>Ends the tunnel because this side decided to: StopCCN, sessions down, then wait for the acknowledgment.</summary>
    internal void Stop(L2tpResult result, L2tpCloseKind kind, string description)
    {
        if (State is L2tpTunnelState.Closing or L2tpTunnelState.Holding or L2tpTunnelState.Closed)
        {
            return;
        }

        // Section 5.7: the StopCCN clears every session, no CDN is needed. It queues behind what
        // is still in flight, so the peer receives everything in order and the StopCCN last.
        SendMessage(new StopCcn { AssignedTunnelId = LocalTunnelId, ResultCode = result }, 0);
        State = L2tpTunnelState.Closing;
        (holdTimer ??= new DemandTimer(endpoint.Time, static state => ((L2tpTunnel)state!).OnHoldTimer(), this)).Schedule(channel.Options.FullRetransmissionCycle);
        TearDown(new L2tpCloseReason(kind, result, description));
    }

    /// <summary>Gives up a tunnel this side opened that lost the tie (section 4.4.3): no StopCCN, the peer already forgot it.</summary>
    internal void Discard(L2tpCloseReason reason)
    {
        TearDown(reason);
        Free();
    }

    internal void CloseSession(L2tpSession session, L2tpResult result, L2tpCloseKind kind, string description)
    {
        if (session.State == L2tpSessionState.Closed || !sessions.Remove(session.LocalSessionId))
        {
            return;
        }

        if (session.State != L2tpSessionState.WaitTunnel)
        {
            SendMessage(new Cdn { ResultCode = result, AssignedSessionId = session.LocalSessionId }, session.PeerSessionId);
        }

        SessionDown(session, new L2tpCloseReason(kind, result, description));
    }

    /// <summary>Releases the tunnel: timers, channel, IDs.</summary>
    internal void Free()
    {
        if (State == L2tpTunnelState.Closed)
        {
            return;
        }

        State = L2tpTunnelState.Closed;
        helloTimer.Dispose();
        holdTimer?.Dispose();
        channel.Dispose();
        endpoint.Unregister(this);
    }

    private void Dispatch(ControlMessage message, ushort headerSessionId)
    {
        switch (message)
        {
            case Sccrq sccrq:
                OnSccrq(sccrq);
                break;
            case Sccrp sccrp:
                OnSccrp(sccrp);
                break;
            case Scccn scccn:
                OnScccn(scccn);
                break;
            case StopCcn stopCcn:
                OnStopCcn(stopCcn.ResultCode);
                break;
            case Hello:
                break;
            default:
                if (State != L2tpTunnelState.Established)
                {
                    StateMachineError(message);
                    return;
                }

                DispatchCall(message, headerSessionId);
                break;
        }
    }

    private void DispatchCall(ControlMessage message, ushort headerSessionId)
    {
        if (message is Icrq icrq)
        {
            OnIcrq(icrq);
            return;
        }

        if (message is Ocrq ocrq)
        {
            // Nothing to dial: refuse with a CDN addressed to the peer's new session.
            SendMessage(new Cdn
            {
                ResultCode = L2tpResult.Cdn(CdnResultCode.PermanentLackOfFacilities, L2tpErrorCode.None, "outgoing calls are not supported"),
                AssignedSessionId = AllocateSessionId(),
            }, ocrq.AssignedSessionId);
            return;
        }

        var session = FindSession(headerSessionId, (message as Cdn)?.AssignedSessionId);
        if (session is null)
        {
            endpoint.Counters.CountUnknownSession();
            return;
        }

        switch (message)
        {
            case Icrp icrp:
                OnIcrp(session, icrp);
                break;
            case Iccn iccn:
                OnIccn(session, iccn);
                break;
            case Cdn cdn:
                sessions.Remove(session.LocalSessionId);
                SessionDown(session, new L2tpCloseReason(L2tpCloseKind.PeerRequest, cdn.ResultCode, "the peer disconnected the call"));
                break;
            case Wen wen:
                session.CallErrors = wen.CallErrors;
                endpoint.Handler.CallErrorsReported(session, wen.CallErrors);
                break;
            case Sli sli:
                session.Accm = sli.Accm;
                endpoint.Handler.LinkInfoReceived(session, sli.Accm);
                break;
            default:
                // OCRP and OCCN answer an OCRQ, which this side never sends.
                CloseSession(session, L2tpResult.Cdn(CdnResultCode.GeneralError, L2tpErrorCode.VendorSpecific, $"unexpected {message.Type}"),
                    L2tpCloseKind.ProtocolError, $"the peer sent an unexpected {message.Type}");
                break;
        }
    }

    private void OnSccrq(Sccrq sccrq)
    {
        if (State != L2tpTunnelState.Idle)
        {
            StateMachineError(sccrq);
            return;
        }

        var options = endpoint.Options;
        LearnPeer(sccrq.AssignedTunnelId, sccrq.HostName, sccrq.VendorName, sccrq.FirmwareRevision, sccrq.FramingCapabilities, sccrq.BearerCapabilities, sccrq.ReceiveWindowSize);
        byte[]? response = null;
        if (sccrq.Challenge is not null)
        {
            if (options.TunnelSecret.IsEmpty)
            {
                Stop(L2tpResult.StopCcn(StopCcnResultCode.GeneralError, L2tpErrorCode.VendorSpecific, "challenged, but no tunnel secret is configured"),
                    L2tpCloseKind.AuthenticationFailed, "the peer challenged this side, which has no tunnel secret");
                return;
            }

            response = TunnelAuthentication.ComputeResponse(ControlMessageType.Sccrp, options.TunnelSecret.Span, sccrq.Challenge);
        }

        if (endpoint.TunnelCount > options.MaximumTunnels)
        {
            Stop(L2tpResult.StopCcn(StopCcnResultCode.GeneralError, L2tpErrorCode.InsufficientResources, "too many tunnels"),
                L2tpCloseKind.AdmissionRefused, "the maximum number of tunnels is reached");
            return;
        }

        var admission = endpoint.Handler.AdmitTunnel(this);
        if (!admission.Accepted)
        {
            Stop(admission.Refusal ?? L2tpResult.StopCcn(StopCcnResultCode.NotAuthorized), L2tpCloseKind.AdmissionRefused, "the tunnel was refused");
            return;
        }

        if (options.ChallengePeer)
        {
            challengeSent = endpoint.RandomBytes(ChallengeLength);
        }

        State = L2tpTunnelState.WaitControlConnected;
        SendMessage(new Sccrp
        {
            FramingCapabilities = options.FramingCapabilities,
            HostName = options.HostName,
            AssignedTunnelId = LocalTunnelId,
            BearerCapabilities = options.BearerCapabilities,
            FirmwareRevision = options.FirmwareRevision,
            VendorName = options.VendorName,
            ReceiveWindowSize = options.ControlChannel.ReceiveWindowSize,
            Challenge = challengeSent,
            ChallengeResponse = response,
        }, 0);
    }

    private void OnSccrp(Sccrp sccrp)
    {
        if (State != L2tpTunnelState.WaitControlReply)
        {
            StateMachineError(sccrp);
            return;
        }

        var options = endpoint.Options;
        LearnPeer(sccrp.AssignedTunnelId, sccrp.HostName, sccrp.VendorName, sccrp.FirmwareRevision, sccrp.FramingCapabilities, sccrp.BearerCapabilities, sccrp.ReceiveWindowSize);
        if (challengeSent is not null)
        {
            if (sccrp.ChallengeResponse is null
                || !TunnelAuthentication.Verify(ControlMessageType.Sccrp, options.TunnelSecret.Span, challengeSent, sccrp.ChallengeResponse))
            {
                Stop(L2tpResult.StopCcn(StopCcnResultCode.NotAuthorized, L2tpErrorCode.None, "challenge response missing or wrong"),
                    L2tpCloseKind.AuthenticationFailed, "the peer's SCCRP did not answer this side's challenge");
                return;
            }

            PeerAuthenticated = true;
        }

        byte[]? response = null;
        if (sccrp.Challenge is not null)
        {
            if (options.TunnelSecret.IsEmpty)
            {
                Stop(L2tpResult.StopCcn(StopCcnResultCode.GeneralError, L2tpErrorCode.VendorSpecific, "challenged, but no tunnel secret is configured"),
                    L2tpCloseKind.AuthenticationFailed, "the peer challenged this side, which has no tunnel secret");
                return;
            }

            response = TunnelAuthentication.ComputeResponse(ControlMessageType.Scccn, options.TunnelSecret.Span, sccrp.Challenge);
        }

        SendMessage(new Scccn { ChallengeResponse = response }, 0);
        Established();
    }

    private void OnScccn(Scccn scccn)
    {
        if (State != L2tpTunnelState.WaitControlConnected)
        {
            StateMachineError(scccn);
            return;
        }

        if (challengeSent is not null)
        {
            if (scccn.ChallengeResponse is null
                || !TunnelAuthentication.Verify(ControlMessageType.Scccn, endpoint.Options.TunnelSecret.Span, challengeSent, scccn.ChallengeResponse))
            {
                Stop(L2tpResult.StopCcn(StopCcnResultCode.NotAuthorized, L2tpErrorCode.None, "challenge response missing or wrong"),
                    L2tpCloseKind.AuthenticationFailed, "the peer's SCCCN did not answer this side's challenge");
                return;
            }

            PeerAuthenticated = true;
        }

        Established();
    }

    private void OnStopCcn(L2tpResult result)
    {
        // Acknowledge at once: nothing will carry the acknowledgment, and the peer only waits for it.
        // What this side still had in flight no longer matters; the channel only acknowledges from now on.
        channel.SendZeroLengthBody();
        channel.AbandonOutgoing();
        State = L2tpTunnelState.Holding;
        (holdTimer ??= new DemandTimer(endpoint.Time, static state => ((L2tpTunnel)state!).OnHoldTimer(), this)).Schedule(channel.Options.FullRetransmissionCycle);
        TearDown(new L2tpCloseReason(L2tpCloseKind.PeerRequest, result, "the peer stopped the tunnel"));
    }

    private void OnIcrq(Icrq icrq)
    {
        var session = new L2tpSession(this, AllocateSessionId(), L2tpCallRole.Answerer, icrq.CallSerialNumber)
        {
            PeerSessionId = icrq.AssignedSessionId,
            BearerType = icrq.BearerType,
            CallingNumber = icrq.CallingNumber,
            CalledNumber = icrq.CalledNumber,
            State = L2tpSessionState.WaitConnect,
        };

        sessions.Add(session.LocalSessionId, session);
        var admission = endpoint.Handler.AdmitSession(session);
        if (!admission.Accepted)
        {
            CloseSession(session, admission.Refusal ?? L2tpResult.Cdn(CdnResultCode.TemporaryLackOfFacilities),
                L2tpCloseKind.AdmissionRefused, "the call was refused");
            return;
        }

        SendMessage(new Icrp { AssignedSessionId = session.LocalSessionId }, session.PeerSessionId);
    }

    private void OnIcrp(L2tpSession session, Icrp icrp)
    {
        if (session.State != L2tpSessionState.WaitReply)
        {
            SessionStateMachineError(session, icrp);
            return;
        }

        var options = endpoint.Options;
        session.PeerSessionId = icrp.AssignedSessionId;
        session.SequencingRequested = options.RequireDataSequencing;
        var framing = (PeerFramingCapabilities ?? L2tpFraming.None).HasFlag(L2tpFraming.Synchronous)
            ? L2tpFraming.Synchronous
            : L2tpFraming.Asynchronous;
        SendMessage(new Iccn
        {
            TxConnectSpeed = options.ConnectSpeed,
            FramingType = framing,
            SequencingRequired = options.RequireDataSequencing,
        }, session.PeerSessionId);
        SessionEstablished(session);
    }

    private void OnIccn(L2tpSession session, Iccn iccn)
    {
        if (session.State != L2tpSessionState.WaitConnect)
        {
            SessionStateMachineError(session, iccn);
            return;
        }

        iccn.ForgetReceived();
        session.Connected = iccn;
        session.PeerRequiresSequencing = iccn.SequencingRequired;
        SessionEstablished(session);
    }

    private void Established()
    {
        State = L2tpTunnelState.Established;
        EstablishedAt = endpoint.Time.GetUtcNow();
        var hello = endpoint.Options.HelloInterval;
        if (hello != Timeout.InfiniteTimeSpan && hello > TimeSpan.Zero)
        {
            helloTimer.Schedule(hello);
        }

        endpoint.Handler.TunnelUp(this);
        foreach (var session in sessions.Values.Where(session => session.State == L2tpSessionState.WaitTunnel).ToArray())
        {
            SendIncomingCallRequest(session);
        }
    }

    private void SessionEstablished(L2tpSession session)
    {
        session.State = L2tpSessionState.Established;
        session.EstablishedAt = endpoint.Time.GetUtcNow();
        endpoint.Handler.SessionUp(session);
    }

    private void SendIncomingCallRequest(L2tpSession session)
    {
        session.State = L2tpSessionState.WaitReply;
        SendMessage(new Icrq
        {
            AssignedSessionId = session.LocalSessionId,
            CallSerialNumber = session.CallSerialNumber,
            BearerType = L2tpBearer.None,
        }, 0);
    }

    private void LearnPeer(ushort peerTunnelId, string hostName, string? vendorName, ushort? firmware, L2tpFraming framing, L2tpBearer? bearer, ushort? window)
    {
        PeerTunnelId = peerTunnelId;
        channel.PeerTunnelId = peerTunnelId;
        endpoint.RegisterPeerTunnelId(this);
        PeerHostName = hostName;
        PeerVendorName = vendorName;
        PeerFirmwareRevision = firmware;
        PeerFramingCapabilities = framing;
        PeerBearerCapabilities = bearer;
        if (window is { } size)
        {
            channel.PeerReceiveWindowSize = size;
        }
    }

    private void Refused(L2tpProtocolException refusal, ushort headerSessionId)
    {
        switch (refusal.Scope)
        {
            case L2tpFailureScope.Tunnel when refusal.MessageType == ControlMessageType.StopCcn:
                // A malformed StopCCN still says the peer is leaving.
                OnStopCcn(refusal.Attributes?.ResultCode ?? refusal.Result);
                break;
            case L2tpFailureScope.Tunnel:
                if (State == L2tpTunnelState.Idle && refusal.Attributes?.AssignedTunnelId is { } peerTunnelId and not 0)
                {
                    // Address the StopCCN to the peer's tunnel, and let a retransmitted SCCRQ find this one.
                    PeerTunnelId = peerTunnelId;
                    channel.PeerTunnelId = peerTunnelId;
                    endpoint.RegisterPeerTunnelId(this);
                }

                Stop(refusal.Result, L2tpCloseKind.ProtocolError, refusal.Message);
                break;
            case L2tpFailureScope.Session:
                RefuseCall(refusal, headerSessionId);
                break;
            default:
                endpoint.Counters.CountIgnored();
                break;
        }
    }

    private void RefuseCall(L2tpProtocolException refusal, ushort headerSessionId)
    {
        if (State != L2tpTunnelState.Established)
        {
            Stop(L2tpResult.StopCcn(StopCcnResultCode.StateMachineError, L2tpErrorCode.None, $"{refusal.MessageType} before the tunnel was established"),
                L2tpCloseKind.ProtocolError, refusal.Message);
            return;
        }

        var peerSessionId = refusal.Attributes?.AssignedSessionId;
        if (refusal.MessageType is ControlMessageType.Icrq or ControlMessageType.Ocrq)
        {
            // The call never got a session here: answer the peer's new session with a CDN from a fresh ID.
            SendMessage(new Cdn { ResultCode = refusal.Result, AssignedSessionId = AllocateSessionId() }, peerSessionId ?? 0);
            return;
        }

        var session = FindSession(headerSessionId, refusal.MessageType == ControlMessageType.Cdn ? peerSessionId : null);
        if (session is null)
        {
            endpoint.Counters.CountUnknownSession();
            return;
        }

        if (refusal.MessageType == ControlMessageType.Cdn)
        {
            // A malformed CDN still ends the call; no CDN goes back.
            sessions.Remove(session.LocalSessionId);
            SessionDown(session, new L2tpCloseReason(L2tpCloseKind.PeerRequest, refusal.Attributes?.ResultCode, refusal.Message));
            return;
        }

        CloseSession(session, refusal.Result, L2tpCloseKind.ProtocolError, refusal.Message);
    }

    private void StateMachineError(ControlMessage message) =>
        Stop(L2tpResult.StopCcn(StopCcnResultCode.StateMachineError, L2tpErrorCode.None, $"unexpected {message.Type} in state {State}"),
            L2tpCloseKind.ProtocolError, $"the peer sent a {message.Type} while the tunnel was {State}");

    private void SessionStateMachineError(L2tpSession session, ControlMessage message) =>
        CloseSession(session, L2tpResult.Cdn(CdnResultCode.GeneralError, L2tpErrorCode.VendorSpecific, $"unexpected {message.Type} in state {session.State}"),
            L2tpCloseKind.ProtocolError, $"the peer sent a {message.Type} while the call was {session.State}");

    private L2tpSession? FindSession(ushort headerSessionId, ushort? peerSessionId)
    {
        if (headerSessionId != 0)
        {
            return sessions.GetValueOrDefault(headerSessionId);
        }

        // A CDN sent before the peer learned this side's session ID names only its own.
        return peerSessionId is { } id and not 0
            ? sessions.Values.FirstOrDefault(session => session.PeerSessionId == id)
            : null;
    }

    private ushort AllocateSessionId()
    {
        Span<byte> octets = stackalloc byte[2];
        while (true)
        {
            endpoint.Options.Random(octets);
            var id = (ushort)((octets[0] << 8) | octets[1]);
            if (id != 0 && !sessions.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Takes every session down and reports the tunnel down, once.</summary>
    private void TearDown(L2tpCloseReason reason)
    {
        if (CloseReason is not null)
        {
            return;
        }

        CloseReason = reason;
        helloTimer.Cancel();
        var sessionReason = new L2tpCloseReason(L2tpCloseKind.TunnelClosed, reason.Result, "its tunnel went down: " + reason.Description);
        foreach (var session in sessions.Values.ToArray())
        {
            SessionDown(session, sessionReason);
        }

        sessions.Clear();
        endpoint.Handler.TunnelDown(this, reason);
    }

    private void SessionDown(L2tpSession session, L2tpCloseReason reason)
    {
        session.State = L2tpSessionState.Closed;
        session.CloseReason = reason;
        endpoint.Handler.SessionDown(session, reason);
    }

    private void OnHelloTimer()
    {
        lock (endpoint.Gate)
        {
            if (State != L2tpTunnelState.Established)
            {
                return;
            }

            var interval = endpoint.Options.HelloInterval;
            var quiet = endpoint.Time.GetElapsedTime(lastActivity);
            if (quiet >= interval)
            {
                // Anything in flight already probes the peer; a Hello would only queue behind it.
                if (channel.IsIdle)
                {
                    SendMessage(new Hello(), 0);
                }

                helloTimer.Schedule(interval);
            }
            else
            {
                helloTimer.Schedule(interval - quiet);
            }
        }
    }

    private void OnHoldTimer()
    {
        lock (endpoint.Gate)
        {
            Free();
        }
    }
}
