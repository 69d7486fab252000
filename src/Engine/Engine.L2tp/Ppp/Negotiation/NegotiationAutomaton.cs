using System;
using System.Buffers;
using System.Text;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>
/// The option negotiation automaton of RFC 1661 section 4, shared by LCP, IPCP and IPv6CP. The
/// state transition table of section 4.1 is implemented event by event below; each handler quotes
/// its row. Actions: tlu/tld/tls/tlf go to <see cref="ILayerEvents"/>, irc/zrc set the restart
/// counter, scr/sca/scn/str/sta/scj send packets, ser is LCP's (see <see cref="IExtendedCodeHandler"/>).
/// <para>
/// Choices where the RFC leaves room, after pppd's fsm.c: retransmitted Configure-Requests keep
/// their identifier and content; a second Ack or Nak for an already answered request is ignored;
/// the Max-Failure count of Naks sent resets when we send an Ack or start a fresh negotiation; the
/// restart option ("r") and passive option ("p") are not implemented. One guard goes beyond the
/// RFC: a peer that Naks or Rejects more than Max-Configure of our requests in a row ends the
/// negotiation, so a misbehaving peer cannot keep us looping forever.
/// </para>
/// All members are called under the session lock (<see cref="PppContext.Run"/>).
/// </summary>
internal sealed class NegotiationAutomaton : IDisposable
{
    private const int PacketCapacity = 1500;
    private readonly PppContext context;
    private readonly IOptionNegotiator negotiator;
    private readonly ILayerEvents events;
    private readonly IExtendedCodeHandler? extensions;
    // Exists only while it runs: an opened layer, which is what a link is for most of its life, needs none.
    private PppTimer? restartTimer;
    private readonly ConfigureReview review = new();
    // The options of our last Configure-Request, at their size (tens of bytes): kept to recognise
    // the Ack and to retransmit. Packets are built in a pooled buffer: a session holds no scratch.
    private byte[] requestOptions = [];
    private byte requestIdentifier;
    private bool requestAnswered;
    private byte identifierCounter;
    private int restartCount;
    private int naksSent;
    private int refusalsReceived;
    private bool peerTerminated;
    private LayerFinishCause? closeCause;
    private string terminateReason = string.Empty;

    public NegotiationAutomaton(
        PppContext context,
        ushort protocol,
        string name,
        IOptionNegotiator negotiator,
        ILayerEvents events,
        NegotiationSettings settings,
        IExtendedCodeHandler? extensions = null)
    {
        this.context = context;
        Protocol = protocol;
        Name = name;
        this.negotiator = negotiator;
        this.events = events;
        Settings = settings;
        this.extensions = extensions;
    }

    public ushort Protocol { get; }

    public string Name { get; }

    public NegotiationSettings Settings { get; }

    public AutomatonState State { get; private set; } = AutomatonState.Initial;

    /// <summary>Set when a negotiator gave up: the session-level reason and a human-readable detail.</summary>
    public PppCloseReason? FailureReason { get; private set; }

    public string? FailureDetail { get; private set; }

    /// <summary>Packets dropped because they were malformed or answered nothing we sent.</summary>
    public long DiscardedPackets { get; private set; }

    public bool IsNegotiating => State is AutomatonState.RequestSent or AutomatonState.AckReceived or AutomatonState.AckSent;

    /// <summary>An identifier for a packet this layer originates (requests, echoes, rejects).</summary>
    public byte NextIdentifier() => ++identifierCounter;

    // Up:   Initial -> Closed; Starting -> irc,scr/Req-Sent.
    public void Up()
    {
        switch (State)
        {
            case AutomatonState.Initial:
                State = AutomatonState.Closed;
                break;
            case AutomatonState.Starting:
                InitializeRestartCount(configure: true);
                SendConfigureRequest(retransmit: false);
                State = AutomatonState.RequestSent;
                break;
        }
    }

    // Down: Closed -> Initial; Stopped -> tls/Starting; Closing -> Initial; Stopping, Req-Sent,
    //       Ack-Rcvd, Ack-Sent -> Starting; Opened -> tld/Starting.
    public void Down()
    {
        switch (State)
        {
            case AutomatonState.Closed:
            case AutomatonState.Closing:
                Enter(AutomatonState.Initial);
                break;
            case AutomatonState.Stopped:
                Enter(AutomatonState.Starting);
                events.ThisLayerStarted(this);
                break;
            case AutomatonState.Stopping:
            case AutomatonState.RequestSent:
            case AutomatonState.AckReceived:
            case AutomatonState.AckSent:
                Enter(AutomatonState.Starting);
                break;
            case AutomatonState.Opened:
                Enter(AutomatonState.Starting);
                events.ThisLayerDown(this);
                break;
        }
    }

    // Open: Initial -> tls/Starting; Closed -> irc,scr/Req-Sent; Closing -> Stopping; others stay.
    public void Open()
    {
        switch (State)
        {
            case AutomatonState.Initial:
                Enter(AutomatonState.Starting);
                events.ThisLayerStarted(this);
                break;
            case AutomatonState.Closed:
                InitializeRestartCount(configure: true);
                SendConfigureRequest(retransmit: false);
                State = AutomatonState.RequestSent;
                break;
            case AutomatonState.Closing:
                State = AutomatonState.Stopping;
                break;
        }
    }

    /// <summary>The administrative Close event; <paramref name="reason"/> travels in the Terminate-Request.</summary>
    public void Close(string reason) => Close(reason, LayerFinishCause.LocalClose);

    // Close: Starting -> tlf/Initial; Stopped -> Closed; Stopping -> Closing;
    //        Req-Sent, Ack-Rcvd, Ack-Sent -> irc,str/Closing; Opened -> tld,irc,str/Closing.
    private void Close(string reason, LayerFinishCause cause)
    {
        closeCause ??= cause;
        terminateReason = reason;
        switch (State)
        {
            case AutomatonState.Starting:
                Enter(AutomatonState.Initial);
                events.ThisLayerFinished(this, closeCause.Value);
                break;
            case AutomatonState.Stopped:
                Enter(AutomatonState.Closed);
                break;
            case AutomatonState.Stopping:
                State = AutomatonState.Closing;
                break;
            case AutomatonState.RequestSent:
            case AutomatonState.AckReceived:
            case AutomatonState.AckSent:
                InitializeRestartCount(configure: false);
                SendTerminateRequest();
                State = AutomatonState.Closing;
                break;
            case AutomatonState.Opened:
                State = AutomatonState.Closing;
                events.ThisLayerDown(this);
                InitializeRestartCount(configure: false);
                SendTerminateRequest();
                break;
        }
    }

    /// <summary>Our protocol was Protocol-Rejected by the peer's LCP: RXJ- for this layer.</summary>
    public void ProtocolRejected() => ReceiveCatastrophicReject();

    /// <summary>One control packet of this protocol (the frame's information field).</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        if (State is AutomatonState.Initial or AutomatonState.Starting)
        {
            // The lower layer is not up for this protocol: nothing can legitimately arrive.
            DiscardedPackets++;
            return;
        }

        if (!PppControlPacket.TryRead(bytes, out var received, out _))
        {
            DiscardedPackets++;
            return;
        }

        switch ((PppControlCode)received.Code)
        {
            case PppControlCode.ConfigureRequest:
                ReceiveConfigureRequest(received);
                break;
            case PppControlCode.ConfigureAck:
                ReceiveConfigureAck(received);
                break;
            case PppControlCode.ConfigureNak:
            case PppControlCode.ConfigureReject:
                ReceiveConfigureNakOrReject(received);
                break;
            case PppControlCode.TerminateRequest:
                ReceiveTerminateRequest(received);
                break;
            case PppControlCode.TerminateAck:
                ReceiveTerminateAck();
                break;
            case PppControlCode.CodeReject:
                ReceiveCodeReject(received);
                break;
            default:
                ReceiveOtherCode(received);
                break;
        }
    }

    /// <summary>Sends a packet of this protocol (used by LCP for echoes and rejects).</summary>
    public void SendPacket(byte code, byte identifier, ReadOnlySpan<byte> data)
    {
        var packet = ArrayPool<byte>.Shared.Rent(PacketCapacity);
        try
        {
            var writer = new PppPacketWriter(packet.AsSpan(0, Math.Min(PacketCapacity, context.PeerMru)));
            writer.BeginControlPacket(code, identifier);
            writer.WriteBytesTruncated(data);
            writer.EndControlPacket();
            context.SendControl(Protocol, writer.Written); // copies the packet into its frame
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packet);
        }
    }

    public void Dispose() => restartTimer?.Dispose();

    // RCR+/RCR-: Closed -> sta; Stopped -> irc,scr,sca|scn/Ack-Sent|Req-Sent; Closing, Stopping -> stay;
    //   Req-Sent -> sca/Ack-Sent | scn/Req-Sent; Ack-Rcvd -> sca,tlu/Opened | scn/Ack-Rcvd;
    //   Ack-Sent -> sca/Ack-Sent | scn/Req-Sent; Opened -> tld,scr,sca/Ack-Sent | tld,scr,scn/Req-Sent.
    private void ReceiveConfigureRequest(PppControlPacket received)
    {
        switch (State)
        {
            case AutomatonState.Closed:
                SendTerminateAck(received.Identifier);
                return;
            case AutomatonState.Closing:
            case AutomatonState.Stopping:
                return;
        }

        var options = received.Data;
        if (!PppOptionReader.Validate(options, out _))
        {
            DiscardedPackets++;
            return;
        }

        review.Clear();
        negotiator.ReviewRequest(options, review);

        // Past Max-Failure a Nak turns into a Reject of the naked options; a Nak made only of hints
        // (options the peer never sent) has nothing to reject, so the request is acknowledged.
        var hintsOnly = !review.HasRejects && review.HasNaks && naksSent >= Settings.MaxFailure && review.NakedOriginals.IsEmpty;
        var acceptable = (!review.HasRejects && !review.HasNaks) || hintsOnly;

        switch (State)
        {
            case AutomatonState.Stopped:
                InitializeRestartCount(configure: true);
                SendConfigureRequest(retransmit: false);
                Answer(received, acceptable);
                State = acceptable ? AutomatonState.AckSent : AutomatonState.RequestSent;
                break;
            case AutomatonState.RequestSent:
                Answer(received, acceptable);
                State = acceptable ? AutomatonState.AckSent : AutomatonState.RequestSent;
                break;
            case AutomatonState.AckReceived:
                Answer(received, acceptable);
                if (acceptable)
                {
                    Enter(AutomatonState.Opened);
                    events.ThisLayerUp(this);
                }

                break;
            case AutomatonState.AckSent:
                Answer(received, acceptable);
                State = acceptable ? AutomatonState.AckSent : AutomatonState.RequestSent;
                break;
            case AutomatonState.Opened:
                State = AutomatonState.RequestSent;
                events.ThisLayerDown(this);
                SendConfigureRequest(retransmit: false, fresh: true);
                Answer(received, acceptable);
                State = acceptable ? AutomatonState.AckSent : AutomatonState.RequestSent;
                break;
        }
    }

    // sca / scn. After Max-Failure Naks without an Ack, the options we would Nak are rejected instead.
    private void Answer(PppControlPacket received, bool acceptable)
    {
        if (acceptable)
        {
            negotiator.AcceptPeerRequest(received.Data);
            SendPacket((byte)PppControlCode.ConfigureAck, received.Identifier, received.Data);
            naksSent = 0;
            return;
        }

        if (review.HasRejects)
        {
            SendPacket((byte)PppControlCode.ConfigureReject, received.Identifier, review.Rejects);
        }
        else if (naksSent >= Settings.MaxFailure)
        {
            SendPacket((byte)PppControlCode.ConfigureReject, received.Identifier, review.NakedOriginals);
        }
        else
        {
            SendPacket((byte)PppControlCode.ConfigureNak, received.Identifier, review.Naks);
            naksSent++;
        }
    }

    // RCA: Closed, Stopped -> sta; Closing, Stopping -> stay; Req-Sent -> irc/Ack-Rcvd;
    //      Ack-Rcvd -> scr/Req-Sent; Ack-Sent -> irc,tlu/Opened; Opened -> tld,scr/Req-Sent.
    private void ReceiveConfigureAck(PppControlPacket received)
    {
        switch (State)
        {
            case AutomatonState.Closed:
            case AutomatonState.Stopped:
                SendTerminateAck(received.Identifier);
                return;
            case AutomatonState.Closing:
            case AutomatonState.Stopping:
                return;
        }

        if (!AnswersOurRequest(received) || !received.Data.SequenceEqual(requestOptions))
        {
            DiscardedPackets++;
            return;
        }

        requestAnswered = true;
        refusalsReceived = 0;
        switch (State)
        {
            case AutomatonState.RequestSent:
                negotiator.RequestAcknowledged();
                InitializeRestartCount(configure: true);
                State = AutomatonState.AckReceived;
                break;
            case AutomatonState.AckReceived:
                SendConfigureRequest(retransmit: false);
                State = AutomatonState.RequestSent;
                break;
            case AutomatonState.AckSent:
                negotiator.RequestAcknowledged();
                InitializeRestartCount(configure: true);
                Enter(AutomatonState.Opened);
                events.ThisLayerUp(this);
                break;
            case AutomatonState.Opened:
                State = AutomatonState.RequestSent;
                events.ThisLayerDown(this);
                SendConfigureRequest(retransmit: false, fresh: true);
                break;
        }
    }

    // RCN: Closed, Stopped -> sta; Closing, Stopping -> stay; Req-Sent -> irc,scr/Req-Sent;
    //      Ack-Rcvd -> scr/Req-Sent; Ack-Sent -> irc,scr/Ack-Sent; Opened -> tld,scr/Req-Sent.
    private void ReceiveConfigureNakOrReject(PppControlPacket received)
    {
        switch (State)
        {
            case AutomatonState.Closed:
            case AutomatonState.Stopped:
                SendTerminateAck(received.Identifier);
                return;
            case AutomatonState.Closing:
            case AutomatonState.Stopping:
                return;
        }

        var options = received.Data;
        var reject = received.Code == (byte)PppControlCode.ConfigureReject;
        if (!AnswersOurRequest(received) || !PppOptionReader.Validate(options, out _) || (reject && !IsSubsetOfRequest(options)))
        {
            DiscardedPackets++;
            return;
        }

        requestAnswered = true;
        if (++refusalsReceived > Settings.MaxConfigure)
        {
            Fail(PppCloseReason.NegotiationFailed, $"{Name}: the peer refused {refusalsReceived} requests in a row");
            return;
        }

        var outcome = reject ? negotiator.ApplyReject(options) : negotiator.ApplyNak(options);
        if (outcome.Failed)
        {
            Fail(outcome.Reason, outcome.Detail ?? $"{Name} negotiation failed");
            return;
        }

        switch (State)
        {
            case AutomatonState.RequestSent:
                InitializeRestartCount(configure: true);
                SendConfigureRequest(retransmit: false);
                break;
            case AutomatonState.AckReceived:
                SendConfigureRequest(retransmit: false);
                State = AutomatonState.RequestSent;
                break;
            case AutomatonState.AckSent:
                InitializeRestartCount(configure: true);
                SendConfigureRequest(retransmit: false);
                break;
            case AutomatonState.Opened:
                State = AutomatonState.RequestSent;
                events.ThisLayerDown(this);
                SendConfigureRequest(retransmit: false, fresh: true);
                break;
        }
    }

    // RTR: Closed, Stopped, Closing, Stopping -> sta; Req-Sent, Ack-Rcvd, Ack-Sent -> sta/Req-Sent;
    //      Opened -> tld,zrc,sta/Stopping.
    private void ReceiveTerminateRequest(PppControlPacket received)
    {
        peerTerminated = true;
        switch (State)
        {
            case AutomatonState.RequestSent:
            case AutomatonState.AckReceived:
            case AutomatonState.AckSent:
                SendTerminateAck(received.Identifier);
                State = AutomatonState.RequestSent;
                break;
            case AutomatonState.Opened:
                closeCause ??= LayerFinishCause.PeerTerminated;
                State = AutomatonState.Stopping;
                events.ThisLayerDown(this);
                restartCount = 0;
                StartRestartTimer();
                SendTerminateAck(received.Identifier);
                break;
            default:
                SendTerminateAck(received.Identifier);
                break;
        }
    }

    // RTA: Closing -> tlf/Closed; Stopping -> tlf/Stopped; Ack-Rcvd -> Req-Sent;
    //      Opened -> tld,scr/Req-Sent; others stay.
    private void ReceiveTerminateAck()
    {
        switch (State)
        {
            case AutomatonState.Closing:
                Enter(AutomatonState.Closed);
                events.ThisLayerFinished(this, FinishCauseAfterTerminate());
                break;
            case AutomatonState.Stopping:
                Enter(AutomatonState.Stopped);
                events.ThisLayerFinished(this, FinishCauseAfterTerminate());
                break;
            case AutomatonState.AckReceived:
                State = AutomatonState.RequestSent;
                break;
            case AutomatonState.Opened:
                State = AutomatonState.RequestSent;
                events.ThisLayerDown(this);
                SendConfigureRequest(retransmit: false, fresh: true);
                break;
        }
    }

    // Code-Reject: of one of the seven shared codes it is RXJ- (the peer cannot speak this
    // protocol); of an extended code (LCP's echo, discard) it is RXJ+.
    private void ReceiveCodeReject(PppControlPacket received)
    {
        if (received.Data.IsEmpty)
        {
            DiscardedPackets++;
            return;
        }

        var rejectedCode = received.Data[0];
        if (rejectedCode is >= (byte)PppControlCode.ConfigureRequest and <= (byte)PppControlCode.CodeReject)
        {
            ReceiveCatastrophicReject();
            return;
        }

        extensions?.CodeRejected(rejectedCode);
    }

    private void ReceiveOtherCode(PppControlPacket received)
    {
        var result = extensions?.HandleCode(received, State) ?? ExtendedCodeResult.Unknown;
        switch (result)
        {
            case ExtendedCodeResult.Catastrophic:
                ReceiveCatastrophicReject();
                break;
            case ExtendedCodeResult.Unknown:
                // RUC: scj in every state from Closed to Opened, no transition.
                SendPacket((byte)PppControlCode.CodeReject, NextIdentifier(), received.Raw);
                break;
        }
    }

    // RXJ-: Closed -> tlf/Closed; Stopped -> tlf/Stopped; Closing -> tlf/Closed; Stopping -> tlf/Stopped;
    //       Req-Sent, Ack-Rcvd, Ack-Sent -> tlf/Stopped; Opened -> tld,irc,str/Stopping.
    private void ReceiveCatastrophicReject()
    {
        switch (State)
        {
            case AutomatonState.Closed:
            case AutomatonState.Closing:
                Enter(AutomatonState.Closed);
                events.ThisLayerFinished(this, LayerFinishCause.Rejected);
                break;
            case AutomatonState.Stopped:
            case AutomatonState.Stopping:
            case AutomatonState.RequestSent:
            case AutomatonState.AckReceived:
            case AutomatonState.AckSent:
                Enter(AutomatonState.Stopped);
                events.ThisLayerFinished(this, LayerFinishCause.Rejected);
                break;
            case AutomatonState.Opened:
                closeCause ??= LayerFinishCause.Rejected;
                State = AutomatonState.Stopping;
                events.ThisLayerDown(this);
                InitializeRestartCount(configure: false);
                SendTerminateRequest();
                break;
        }
    }

    // TO+: Closing, Stopping -> str; Req-Sent, Ack-Rcvd -> scr/Req-Sent; Ack-Sent -> scr.
    // TO-: Closing -> tlf/Closed; Stopping, Req-Sent, Ack-Rcvd, Ack-Sent -> tlf/Stopped.
    private void OnRestartTimer()
    {
        if (restartCount > 0)
        {
            switch (State)
            {
                case AutomatonState.Closing:
                case AutomatonState.Stopping:
                    SendTerminateRequest();
                    break;
                case AutomatonState.RequestSent:
                case AutomatonState.AckReceived:
                    SendConfigureRequest(retransmit: true);
                    State = AutomatonState.RequestSent;
                    break;
                case AutomatonState.AckSent:
                    SendConfigureRequest(retransmit: true);
                    break;
            }

            return;
        }

        switch (State)
        {
            case AutomatonState.Closing:
                Enter(AutomatonState.Closed);
                events.ThisLayerFinished(this, FinishCauseAfterTerminate());
                break;
            case AutomatonState.Stopping:
                Enter(AutomatonState.Stopped);
                events.ThisLayerFinished(this, FinishCauseAfterTerminate());
                break;
            case AutomatonState.RequestSent:
            case AutomatonState.AckReceived:
            case AutomatonState.AckSent:
                Enter(AutomatonState.Stopped);
                events.ThisLayerFinished(this, peerTerminated ? LayerFinishCause.PeerTerminated : LayerFinishCause.NegotiationTimeout);
                break;
        }
    }

    /// <summary>A negotiator gave up: record why and run the Close event.</summary>
    private void Fail(PppCloseReason reason, string detail)
    {
        FailureReason ??= reason;
        FailureDetail ??= detail;
        Close(detail, LayerFinishCause.NegotiationFailed);
    }

    private LayerFinishCause FinishCauseAfterTerminate() => closeCause ?? (peerTerminated ? LayerFinishCause.PeerTerminated : LayerFinishCause.LocalClose);

    private bool AnswersOurRequest(PppControlPacket received) =>
        received.Identifier == requestIdentifier && !requestAnswered;

    private bool IsSubsetOfRequest(ReadOnlySpan<byte> options)
    {
        var request = requestOptions;
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var option))
        {
            if (!PppOptionReader.Contains(request, option.Raw))
            {
                return false;
            }
        }

        return true;
    }

    private void InitializeRestartCount(bool configure) =>
        restartCount = configure ? Settings.MaxConfigure : Settings.MaxTerminate;

    // scr. A request sent when not already negotiating (or when leaving Opened, whose transition
    // already set the next state) starts a fresh negotiation, pppd's "reset options"; a
    // retransmission repeats the last request byte for byte.
    private void SendConfigureRequest(bool retransmit, bool fresh = false)
    {
        if (!retransmit)
        {
            if (fresh || !IsNegotiating)
            {
                negotiator.ResetNegotiation();
                naksSent = 0;
                refusalsReceived = 0;
                peerTerminated = false;
                closeCause = null;
                FailureReason = null;
                FailureDetail = null;
            }

            var scratch = ArrayPool<byte>.Shared.Rent(PacketCapacity);
            try
            {
                var writer = new PppPacketWriter(scratch.AsSpan(0, PacketCapacity));
                negotiator.WriteRequest(ref writer);
                requestOptions = writer.Written.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            requestIdentifier = NextIdentifier();
        }

        requestAnswered = false;
        SendPacket((byte)PppControlCode.ConfigureRequest, requestIdentifier, requestOptions);
        restartCount--;
        StartRestartTimer();
    }

    // str
    private void SendTerminateRequest()
    {
        var reason = terminateReason.Length == 0 ? [] : Encoding.ASCII.GetBytes(terminateReason);
        SendPacket((byte)PppControlCode.TerminateRequest, NextIdentifier(), reason);
        restartCount--;
        StartRestartTimer();
    }

    // sta
    private void SendTerminateAck(byte identifier) => SendPacket((byte)PppControlCode.TerminateAck, identifier, []);

    /// <summary>Sets a state in which the restart timer does not run, stopping it.</summary>
    private void Enter(AutomatonState state)
    {
        State = state;
        restartTimer?.Stop();
        restartTimer = null;
    }

    private void StartRestartTimer() =>
        (restartTimer ??= context.CreateTimer(static owner => ((NegotiationAutomaton)owner).OnRestartTimer(), this)).Start(Settings.RestartInterval);
}
