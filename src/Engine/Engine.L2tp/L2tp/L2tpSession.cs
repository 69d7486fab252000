using System;
using System.Buffers;
using System.Threading;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Messages;
using Engine.L2tp.L2tp.Reliable;

namespace Engine.L2tp.L2tp;

/// <summary>
/// One call (one PPP link) in a tunnel, keyed by (tunnel ID, session ID). It comes up through
/// ICRQ, ICRP, ICCN (section 5.4.1 incoming call establishment), goes down with a CDN from either
/// side or with its tunnel, and carries PPP frames as L2TP data messages: the length bit as
/// configured, sequence numbers when either side asks for them (section 5.4), no offset padding.
/// </summary>
public sealed class L2tpSession
{
    private const int StackBufferLength = 2048;
    private readonly L2tpTunnel tunnel;
    private ushort nextDataSequence;
    private ushort expectedDataSequence;
    private bool receivedSequencedData;
    private bool peerSendsSequencedData;
    private long framesSent;
    private long bytesSent;
    private long framesReceived;
    private long bytesReceived;
    private long outOfOrderDropped;

    internal L2tpSession(L2tpTunnel tunnel, ushort localSessionId, L2tpCallRole role, uint callSerialNumber)
    {
        this.tunnel = tunnel;
        LocalSessionId = localSessionId;
        Role = role;
        CallSerialNumber = callSerialNumber;
    }

    public L2tpTunnel Tunnel => tunnel;

    public L2tpPeerKey Peer => tunnel.Peer;

    /// <summary>This side's session ID: the one the peer puts in the headers it sends.</summary>
    public ushort LocalSessionId { get; }

    /// <summary>The peer's session ID (0 until its ICRQ or ICRP named it).</summary>
    public ushort PeerSessionId { get; internal set; }

    public L2tpCallRole Role { get; }

    public L2tpSessionState State { get; internal set; } = L2tpSessionState.WaitTunnel;

    public uint CallSerialNumber { get; internal set; }

    public L2tpBearer? BearerType { get; internal set; }

    public string? CallingNumber { get; internal set; }

    public string? CalledNumber { get; internal set; }

    /// <summary>The peer's ICCN when this side answered: connect speeds, framing, and the proxy LCP and authentication AVPs a LAC may pass on.</summary>
    public Iccn? Connected { get; internal set; }

    /// <summary>The peer sent a Sequencing Required AVP: every data message must carry Ns.</summary>
    public bool PeerRequiresSequencing { get; internal set; }

    /// <summary>This side sent a Sequencing Required AVP in its ICCN.</summary>
    public bool SequencingRequested { get; internal set; }

    /// <summary>The last WAN-Error-Notify counters the LAC reported.</summary>
    public CallErrors? CallErrors { get; internal set; }

    /// <summary>The ACCM of the last Set-Link-Info the LNS sent.</summary>
    public AccmValue? Accm { get; internal set; }

    public DateTimeOffset? EstablishedAt { get; internal set; }

    public L2tpCloseReason? CloseReason { get; internal set; }

    /// <summary>Whether the data messages this side sends now carry sequence numbers.</summary>
    public bool SequencesData =>
        tunnel.Endpoint.Options.SequenceDataMessages || PeerRequiresSequencing || SequencingRequested || peerSendsSequencedData;

    public long FramesSent => Volatile.Read(ref framesSent);

    public long BytesSent => Volatile.Read(ref bytesSent);

    public long FramesReceived => Volatile.Read(ref framesReceived);

    public long BytesReceived => Volatile.Read(ref bytesReceived);

    /// <summary>Sequenced data messages that arrived behind a later one and were dropped.</summary>
    public long OutOfOrderDropped => Volatile.Read(ref outOfOrderDropped);

    /// <summary>
    /// Sends one PPP frame as a data message. Returns false when the session is not established
    /// (the frame is dropped).
    /// </summary>
    public bool SendFrame(ReadOnlySpan<byte> frame)
    {
        var options = tunnel.Endpoint.Options;
        lock (tunnel.Endpoint.Gate)
        {
            if (State != L2tpSessionState.Established)
            {
                return false;
            }

            var sequenced = SequencesData;
            var headerLength = L2tpHeader.DataHeaderLength(options.IncludeLengthInDataMessages, sequenced);
            var total = headerLength + frame.Length;
            byte[]? rented = null;
            Span<byte> buffer = total <= StackBufferLength
                ? stackalloc byte[StackBufferLength]
                : (rented = ArrayPool<byte>.Shared.Rent(total));
            try
            {
                WriteHeader(buffer, frame.Length, sequenced);
                frame.CopyTo(buffer[headerLength..]);
                tunnel.Endpoint.Handler.SendDatagram(Peer, buffer[..total]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            CountSent(frame.Length);
            return true;
        }
    }

    /// <summary>
    /// Sends the PPP frame at <paramref name="frameOffset"/> in <paramref name="buffer"/>, writing
    /// the L2TP header into the head room in front of it (at least <see
    /// cref="L2tpHeader.MaximumDataHeaderLength"/> octets), so nothing is copied.
    /// </summary>
    public bool SendFrame(Span<byte> buffer, int frameOffset, int frameLength)
    {
        if (frameOffset < L2tpHeader.MaximumDataHeaderLength || frameLength < 0 || frameOffset + frameLength > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(frameOffset), "the frame needs 12 octets of head room and must lie inside the buffer");
        }

        var options = tunnel.Endpoint.Options;
        lock (tunnel.Endpoint.Gate)
        {
            if (State != L2tpSessionState.Established)
            {
                return false;
            }

            var sequenced = SequencesData;
            var start = frameOffset - L2tpHeader.DataHeaderLength(options.IncludeLengthInDataMessages, sequenced);
            WriteHeader(buffer[start..], frameLength, sequenced);
            tunnel.Endpoint.Handler.SendDatagram(Peer, buffer[start..(frameOffset + frameLength)]);
            CountSent(frameLength);
            return true;
        }
    }

    /// <summary>Clears the call with a CDN (default result 3, administrative reasons).</summary>
    public void Close(L2tpResult? result = null)
    {
        lock (tunnel.Endpoint.Gate)
        {
            tunnel.CloseSession(this, result ?? L2tpResult.Cdn(CdnResultCode.Administrative), L2tpCloseKind.LocalRequest, "closed by this side");
        }
    }

    /// <summary>LNS side: tells the LAC the ACCM PPP negotiated (Set-Link-Info, section 6.14).</summary>
    public void SendSetLinkInfo(AccmValue accm)
    {
        lock (tunnel.Endpoint.Gate)
        {
            if (State == L2tpSessionState.Established)
            {
                tunnel.SendMessage(new Sli { Accm = accm }, PeerSessionId);
            }
        }
    }

    /// <summary>LAC side: reports line errors to the LNS (WAN-Error-Notify, section 6.13).</summary>
    public void SendWanErrorNotify(CallErrors errors)
    {
        lock (tunnel.Endpoint.Gate)
        {
            if (State == L2tpSessionState.Established)
            {
                tunnel.SendMessage(new Wen { CallErrors = errors }, PeerSessionId);
            }
        }
    }

    public override string ToString() => $"session {LocalSessionId}/{PeerSessionId} in tunnel {tunnel.LocalTunnelId} ({State})";

    internal void ReceiveData(in L2tpHeader header, ReadOnlySpan<byte> datagram)
    {
        if (header.HasSequence)
        {
            peerSendsSequencedData = true;
            if (receivedSequencedData && SequenceNumber.IsBefore(header.Ns, expectedDataSequence))
            {
                // Section 5.4 lets a receiver drop what arrives out of order; PPP copes with loss
                // better than with a reorder buffer's delay.
                Interlocked.Increment(ref outOfOrderDropped);
                return;
            }

            expectedDataSequence = (ushort)(header.Ns + 1);
            receivedSequencedData = true;
        }
        else if (!PeerRequiresSequencing)
        {
            peerSendsSequencedData = false;
        }

        var frame = header.Payload(datagram);
        Interlocked.Increment(ref framesReceived);
        Interlocked.Add(ref bytesReceived, frame.Length);
        tunnel.Endpoint.Handler.DeliverFrame(this, frame);
    }

    private void WriteHeader(Span<byte> destination, int payloadLength, bool sequenced)
    {
        L2tpHeader.WriteData(destination, tunnel.PeerTunnelId, PeerSessionId, payloadLength,
            tunnel.Endpoint.Options.IncludeLengthInDataMessages, sequenced, nextDataSequence);
        if (sequenced)
        {
            nextDataSequence++;
        }
    }

    private void CountSent(int length)
    {
        Interlocked.Increment(ref framesSent);
        Interlocked.Add(ref bytesSent, length);
    }
}
