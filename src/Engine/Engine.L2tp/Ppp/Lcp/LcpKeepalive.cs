using System;
using System.Buffers.Binary;
using Engine.L2tp.Ppp.Core;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;

namespace Engine.L2tp.Ppp.Lcp;

/// <summary>
/// LCP Echo keepalive (RFC 1661 section 5.8 used as pppd's lcp-echo-interval/lcp-echo-failure):
/// while LCP is open, an Echo-Request every interval; when the limit of requests has gone
/// unanswered, the peer is declared gone. Any Echo-Reply that is not our own reflected back
/// clears the count.
/// </summary>
internal sealed class LcpKeepalive : IDisposable
{
    private readonly NegotiationAutomaton automaton;
    private readonly LcpSettings settings;
    private readonly Func<uint> localMagic;
    private readonly Action onPeerGone;
    private readonly PppTimer timer;
    private bool rejectedByPeer;

    public LcpKeepalive(PppContext context, NegotiationAutomaton automaton, LcpSettings settings, Func<uint> localMagic, Action onPeerGone)
    {
        this.automaton = automaton;
        this.settings = settings;
        this.localMagic = localMagic;
        this.onPeerGone = onPeerGone;
        timer = context.CreateTimer(static owner => ((LcpKeepalive)owner).OnTick(), this);
    }

    /// <summary>Echo-Requests sent since the last reply.</summary>
    public int Unanswered { get; private set; }

    public bool Enabled => settings.EchoInterval > TimeSpan.Zero && settings.EchoFailureLimit > 0 && !rejectedByPeer;

    public void Start()
    {
        Unanswered = 0;
        if (Enabled)
        {
            timer.Start(settings.EchoInterval);
        }
    }

    public void Stop() => timer.Stop();

    public void ReplyReceived(uint magic)
    {
        var ours = localMagic();
        if (ours != 0 && magic == ours)
        {
            // Our own request came back: that proves a loop, not a live peer.
            return;
        }

        Unanswered = 0;
    }

    /// <summary>The peer Code-Rejected Echo-Request: it cannot do keepalive, so stop asking.</summary>
    public void PeerRejectedEcho()
    {
        rejectedByPeer = true;
        timer.Stop();
    }

    public void Dispose() => timer.Dispose();

    private void OnTick()
    {
        if (automaton.State != AutomatonState.Opened)
        {
            return;
        }

        if (Unanswered >= settings.EchoFailureLimit)
        {
            onPeerGone();
            return;
        }

        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(magic, localMagic());
        automaton.SendPacket((byte)PppControlCode.EchoRequest, automaton.NextIdentifier(), magic);
        Unanswered++;
        timer.Start(settings.EchoInterval);
    }
}
