using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>
/// The reliable delivery of one tunnel's control messages (RFC 2661 section 5.8 and appendix A).
/// <list type="bullet">
/// <item>Each message gets the next Ns; every transmission (and retransmission) carries the
/// current Nr, so any message acknowledges everything received so far.</item>
/// <item>A message stays in flight until the peer's Nr passes it; it is retransmitted after 1, 2,
/// 4, 8, 16 s (capped), and after the last retransmission times out the owner is told the peer is
/// unreachable.</item>
/// <item>At most min(peer's receive window, congestion window) messages are in flight; the rest
/// wait in order. The congestion window starts at 1, grows by one per acknowledgment up to the
/// slow-start threshold, then by one per window; a timeout halves the threshold and restarts at 1.</item>
/// <item>Received messages are delivered in Ns order exactly once: duplicates are acknowledged
/// again at once and dropped, messages ahead of the expected Ns (within this side's window) are
/// held until the gap fills, messages beyond the window are dropped.</item>
/// <item>When nothing goes back to piggyback the acknowledgment on, a zero-length-body (ZLB)
/// message acknowledges after a short delay.</item>
/// </list>
/// Not thread-safe on its own: every call, and the timer callbacks (which take
/// <c>gate</c>), run under the owner's lock.
/// </summary>
public sealed class ControlChannel : IDisposable
{
    private readonly ControlChannelOptions options;
    private readonly TimeProvider time;
    private readonly IControlChannelOwner owner;
    private readonly Lock gate;
    // Both lists give their array back when they empty (Release), and the out-of-order store exists
    // only while a message is held: a tunnel is idle for almost all of its life, and a gateway keeps
    // one per VPN session.
    private readonly List<OutgoingMessage> inFlight = new();
    private readonly List<OutgoingMessage> waiting = new();
    private Dictionary<ushort, HeldMessage>? held;
    // Both exist only while armed: a tunnel's control channel is idle for almost all of its life.
    private DemandTimer? retransmitTimer;
    private DemandTimer? acknowledgmentTimer;
    private ushort nextSend;
    private ushort expected;
    private bool acknowledgmentPending;
    private bool acknowledgmentTimerRunning;
    private bool stopped;
    private int congestionWindow = 1;
    private int slowStartThreshold;
    private int acknowledgmentsThisWindow;
    private int peerReceiveWindowSize = 4;

    public ControlChannel(ControlChannelOptions options, TimeProvider time, IControlChannelOwner owner, Lock gate)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.time = time;
        this.owner = owner;
        this.gate = gate;
        slowStartThreshold = peerReceiveWindowSize;
    }

    public ControlChannelOptions Options => options;

    public ControlChannelCounters Counters { get; } = new();

    /// <summary>
    /// The peer's Receive Window Size AVP (4 until it sends one, as section 5.8 says to assume;
    /// 0, which the RFC does not allow, is taken as 1).
    /// </summary>
    public int PeerReceiveWindowSize
    {
        get => peerReceiveWindowSize;
        set
        {
            peerReceiveWindowSize = Math.Max(1, value);
            slowStartThreshold = peerReceiveWindowSize;
            TransmitWaiting();
        }
    }

    /// <summary>The tunnel ID a ZLB carries: the peer's, once it assigned one (0 before).</summary>
    public ushort PeerTunnelId { get; set; }

    /// <summary>The Ns the next new message will carry.</summary>
    public ushort NextSendSequence => nextSend;

    /// <summary>The Nr this side sends: the Ns it expects next.</summary>
    public ushort ExpectedSequence => expected;

    /// <summary>Messages sent and not yet acknowledged.</summary>
    public int InFlight => inFlight.Count;

    /// <summary>Messages waiting for the window to open.</summary>
    public int Waiting => waiting.Count;

    /// <summary>The congestion window (appendix A).</summary>
    public int CongestionWindow => congestionWindow;

    /// <summary>True when everything sent has been acknowledged and nothing waits.</summary>
    public bool IsIdle => inFlight.Count == 0 && waiting.Count == 0;

    public bool IsStopped => stopped;

    /// <summary>
    /// Queues a control message body (its AVPs) for reliable delivery, with the header's tunnel
    /// and session IDs (the peer's); it goes out at once if the window allows.
    /// </summary>
    public void Send(byte[] body, ushort tunnelId, ushort sessionId)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            throw new ArgumentException("an empty body is a ZLB, which is not sent reliably", nameof(body));
        }

        if (stopped)
        {
            return;
        }

        waiting.Add(new OutgoingMessage(nextSend, body, tunnelId, sessionId));
        nextSend++;
        TransmitWaiting();
    }

    /// <summary>
    /// Takes one received control packet (header already read, <paramref name="body"/> its AVPs,
    /// empty for a ZLB): processes its acknowledgment, then delivers it and any held successors in order.
    /// </summary>
    public void Receive(in L2tpHeader header, ReadOnlySpan<byte> body)
    {
        if (stopped)
        {
            return;
        }

        Counters.PacketsReceived++;
        Acknowledge(header.Nr);
        if (body.IsEmpty || stopped)
        {
            return;
        }

        var ns = header.Ns;
        if (ns == expected)
        {
            DeliverInOrder(header, body);
        }
        else if (SequenceNumber.IsBefore(ns, expected))
        {
            // The peer did not see our acknowledgment: repeat it now (section 5.8 requires
            // acknowledging duplicates, or the peer retransmits until it gives up).
            Counters.DuplicatesReceived++;
            SendZeroLengthBody();
            return;
        }
        else if (SequenceNumber.Distance(expected, ns) < options.ReceiveWindowSize)
        {
            if ((held ??= new()).TryAdd(ns, new HeldMessage(header, body.ToArray())))
            {
                Counters.OutOfOrderHeld++;
            }

            acknowledgmentPending = true;
        }
        else
        {
            Counters.OutsideWindowDropped++;
            return;
        }

        if (!stopped && acknowledgmentPending && !acknowledgmentTimerRunning)
        {
            acknowledgmentTimerRunning = true;
            (acknowledgmentTimer ??= new DemandTimer(time, static state => ((ControlChannel)state!).OnAcknowledgmentTimer(), this)).Schedule(options.AcknowledgmentDelay);
        }
    }

    /// <summary>Sends a ZLB acknowledgment now (after the peer's StopCCN, which nothing will answer).</summary>
    public void SendZeroLengthBody()
    {
        if (stopped)
        {
            return;
        }

        Span<byte> datagram = stackalloc byte[L2tpHeader.ControlHeaderLength];
        var ns = waiting.Count > 0 ? waiting[0].Ns : nextSend;
        L2tpHeader.WriteControl(datagram, datagram.Length, PeerTunnelId, 0, ns, expected);
        Counters.ZeroLengthBodiesSent++;
        AcknowledgmentSent();
        owner.Transmit(datagram);
    }

    /// <summary>
    /// Forgets every message in flight or waiting (the peer stopped the tunnel, so none matters)
    /// but keeps receiving and acknowledging, for the peer's retransmitted StopCCN.
    /// </summary>
    public void AbandonOutgoing()
    {
        Release(inFlight);
        Release(waiting);
        Cancel(ref retransmitTimer);
    }

    /// <summary>Stops all timers and forgets pending messages; later calls do nothing.</summary>
    public void Stop()
    {
        stopped = true;
        Release(inFlight);
        Release(waiting);
        held = null;
        Cancel(ref retransmitTimer);
        Cancel(ref acknowledgmentTimer);
    }

    public void Dispose()
    {
        Stop();
        retransmitTimer?.Dispose();
        acknowledgmentTimer?.Dispose();
    }

    private void DeliverInOrder(in L2tpHeader header, ReadOnlySpan<byte> body)
    {
        expected++;
        acknowledgmentPending = true;
        Counters.MessagesDelivered++;
        owner.Deliver(header, body);
        while (!stopped && held is not null && held.Remove(expected, out var next))
        {
            expected++;
            acknowledgmentPending = true;
            Counters.MessagesDelivered++;
            owner.Deliver(next.Header, next.Body);
        }

        if (held is { Count: 0 })
        {
            held = null;
        }
    }

    private void Acknowledge(ushort nr)
    {
        if (inFlight.Count == 0)
        {
            return;
        }

        var acknowledged = SequenceNumber.Distance(inFlight[0].Ns, nr);
        if (acknowledged == 0)
        {
            return;
        }

        if (acknowledged > inFlight.Count)
        {
            // Either an old Nr (before the oldest in flight, which reads as a huge distance) or one
            // acknowledging messages never sent; neither may move the window.
            if (!SequenceNumber.IsBefore(nr, inFlight[0].Ns))
            {
                Counters.InvalidAcknowledgments++;
            }

            return;
        }

        inFlight.RemoveRange(0, acknowledged);
        if (inFlight.Count == 0)
        {
            Release(inFlight);
        }
        for (var i = 0; i < acknowledged; i++)
        {
            OpenCongestionWindow();
        }

        ScheduleRetransmission();
        TransmitWaiting();
    }

    private void OpenCongestionWindow()
    {
        if (!options.SlowStart)
        {
            return;
        }

        if (congestionWindow < slowStartThreshold)
        {
            congestionWindow++;
            return;
        }

        // Congestion avoidance: one more message per window's worth of acknowledgments.
        if (++acknowledgmentsThisWindow >= congestionWindow)
        {
            acknowledgmentsThisWindow = 0;
            congestionWindow = Math.Min(congestionWindow + 1, peerReceiveWindowSize);
        }
    }

    private int SendWindow => options.SlowStart ? Math.Min(congestionWindow, peerReceiveWindowSize) : peerReceiveWindowSize;

    private void TransmitWaiting()
    {
        var sentAny = false;
        while (!stopped && waiting.Count > 0 && inFlight.Count < SendWindow)
        {
            var message = waiting[0];
            waiting.RemoveAt(0);
            message.Deadline = time.GetUtcNow() + options.Timeout(0);
            inFlight.Add(message);
            Counters.MessagesSent++;
            Transmit(message);
            sentAny = true;
        }

        if (waiting.Count == 0)
        {
            Release(waiting);
        }

        if (sentAny)
        {
            ScheduleRetransmission();
        }
    }

    // An expiry already on its way still runs its callback, which re-checks the state under the lock.
    private static void Cancel(ref DemandTimer? timer)
    {
        timer?.Cancel();
        timer = null;
    }

    private static void Release(List<OutgoingMessage> messages)
    {
        messages.Clear();
        messages.Capacity = 0;
    }

    private void Transmit(OutgoingMessage message)
    {
        var datagram = new byte[L2tpHeader.ControlHeaderLength + message.Body.Length];
        L2tpHeader.WriteControl(datagram, datagram.Length, message.TunnelId, message.SessionId, message.Ns, expected);
        message.Body.CopyTo(datagram, L2tpHeader.ControlHeaderLength);
        AcknowledgmentSent();
        owner.Transmit(datagram);
    }

    private void AcknowledgmentSent()
    {
        acknowledgmentPending = false;
        if (acknowledgmentTimerRunning)
        {
            acknowledgmentTimerRunning = false;
            Cancel(ref acknowledgmentTimer);
        }
    }

    private void ScheduleRetransmission()
    {
        if (stopped || inFlight.Count == 0)
        {
            Cancel(ref retransmitTimer);
            return;
        }

        var earliest = inFlight.Min(message => message.Deadline);
        var due = earliest - time.GetUtcNow();
        (retransmitTimer ??= new DemandTimer(time, static state => ((ControlChannel)state!).OnRetransmitTimer(), this)).Schedule(due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }

    private void OnRetransmitTimer()
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            var now = time.GetUtcNow();
            var timedOut = false;
            foreach (var message in inFlight.ToArray())
            {
                if (message.Deadline > now)
                {
                    continue;
                }

                if (message.Retransmissions >= options.MaximumRetransmissions)
                {
                    Stop();
                    owner.RetransmissionsExhausted();
                    return;
                }

                message.Retransmissions++;
                message.Deadline = now + options.Timeout(message.Retransmissions);
                Counters.Retransmissions++;
                timedOut = true;
                Transmit(message);
                if (stopped)
                {
                    return;
                }
            }

            if (timedOut && options.SlowStart)
            {
                slowStartThreshold = Math.Max(congestionWindow / 2, 1);
                congestionWindow = 1;
                acknowledgmentsThisWindow = 0;
            }

            ScheduleRetransmission();
        }
    }

    private void OnAcknowledgmentTimer()
    {
        lock (gate)
        {
            acknowledgmentTimerRunning = false;
            if (!stopped && acknowledgmentPending)
            {
                SendZeroLengthBody();
            }
        }
    }

    private sealed class OutgoingMessage(ushort ns, byte[] body, ushort tunnelId, ushort sessionId)
    {
        public ushort Ns { get; } = ns;

        public byte[] Body { get; } = body;

        public ushort TunnelId { get; } = tunnelId;

        public ushort SessionId { get; } = sessionId;

        public int Retransmissions { get; set; }

        public DateTimeOffset Deadline { get; set; }
    }

    private sealed record HeldMessage(L2tpHeader Header, byte[] Body);
}
