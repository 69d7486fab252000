using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Interop.Support;

namespace Interop.L2tp;

/// <summary>
/// Our L2TP endpoint with a PPP session on every call, wired the way the gateway and the client
/// wire them (Engine.L2tp's READMEs, "Left for the integration"): PPP starts when the call is up,
/// takes every data message, and is told when the call goes; when PPP ends, the call is cleared
/// with a CDN. Datagrams go through a <see cref="UdpL2tpTransport"/>. Everything that happens is
/// recorded, with the time since the stack was made, for the assertions and their messages.
/// </summary>
internal sealed class OurL2tpStack : IL2tpEndpointHandler, IDisposable
{
    private readonly UdpL2tpTransport transport;
    private readonly Func<L2tpSession, PppSessionOptions?> pppOptions;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private readonly List<string> events = new();
    private readonly Dictionary<L2tpSession, PppSession> links = new();
    private readonly List<(L2tpTunnel Tunnel, L2tpCloseReason Reason)> tunnelsDown = new();
    private readonly List<(L2tpSession Session, L2tpCloseReason Reason, PppPhase? PppPhase)> sessionsDown = new();
    private readonly List<L2tpTunnel> tunnelsUp = new();
    private readonly List<L2tpSession> sessionsUp = new();
    private readonly List<PppSessionOpenedEventArgs> opened = new();
    private readonly List<PppSessionClosedEventArgs> closed = new();
    private readonly List<PppAuthenticationFailedEventArgs> authenticationFailures = new();
    private readonly List<byte[]> packets = new();

    /// <param name="options">The endpoint's options (Host Name AVP, Hello interval, ...).</param>
    /// <param name="transport">Owned: disposed with the stack.</param>
    /// <param name="pppOptions">The PPP session to run on a call (client or server role); null runs none.</param>
    public OurL2tpStack(L2tpEndpointOptions options, UdpL2tpTransport transport, Func<L2tpSession, PppSessionOptions?> pppOptions)
    {
        this.transport = transport;
        this.pppOptions = pppOptions;
        Endpoint = new L2tpEndpoint(options, this, TimeProvider.System);
        transport.Attach(Endpoint);
    }

    public L2tpEndpoint Endpoint { get; }

    public UdpL2tpTransport Transport => transport;

    public IReadOnlyList<L2tpTunnel> TunnelsUp => Snapshot(tunnelsUp);

    public IReadOnlyList<(L2tpTunnel Tunnel, L2tpCloseReason Reason)> TunnelsDown => Snapshot(tunnelsDown);

    public IReadOnlyList<L2tpSession> SessionsUp => Snapshot(sessionsUp);

    /// <summary>Calls gone, why, and the phase their PPP session was in at that moment (null without PPP).</summary>
    public IReadOnlyList<(L2tpSession Session, L2tpCloseReason Reason, PppPhase? PppPhase)> SessionsDown => Snapshot(sessionsDown);

    public IReadOnlyList<PppSessionOpenedEventArgs> PppOpened => Snapshot(opened);

    public IReadOnlyList<PppSessionClosedEventArgs> PppClosed => Snapshot(closed);

    public IReadOnlyList<PppAuthenticationFailedEventArgs> AuthenticationFailures => Snapshot(authenticationFailures);

    /// <summary>The IP datagrams PPP delivered (what the host's TUN device would get).</summary>
    public IReadOnlyList<byte[]> PacketsReceived => Snapshot(packets);

    /// <summary>What happened, one line each, with seconds since the stack was made.</summary>
    public string History
    {
        get
        {
            lock (gate)
            {
                return string.Join("\n", events) + $"\ncounters: {Counters}; udp in {transport.DatagramsReceived}, out {transport.DatagramsSent}"
                    + (transport.Failure is { } failure ? $"\nreceive loop failed: {failure}" : string.Empty);
            }
        }
    }

    /// <summary>The endpoint's drop counters, for assertion messages.</summary>
    public string Counters
    {
        get
        {
            var c = Endpoint.Counters;
            return $"received {c.DatagramsReceived}, truncated {c.Truncated}, malformed {c.Malformed}, unknown tunnel {c.UnknownTunnel}, " +
                $"wrong peer {c.WrongPeer}, unknown session {c.UnknownSession}, ignored {c.IgnoredMessages}";
        }
    }

    /// <summary>The PPP session of <paramref name="session"/>, once the call is up.</summary>
    public PppSession? PppOf(L2tpSession session)
    {
        lock (gate)
        {
            return links.GetValueOrDefault(session);
        }
    }

    /// <summary>As LAC: a tunnel to <paramref name="lns"/> and an incoming call in it, both started at once.</summary>
    public L2tpSession Dial(IPEndPoint lns)
    {
        var tunnel = Endpoint.OpenTunnel(UdpL2tpTransport.KeyOf(lns));
        Note($"dialling {lns}: tunnel {tunnel.LocalTunnelId}");
        return tunnel.OpenSession();
    }

    /// <summary>Waits for <paramref name="condition"/> (polled every 20 ms); fails with the history when it does not come.</summary>
    public void AssertWithin(TimeSpan within, Func<OurL2tpStack, bool> condition, string what, Func<string>? more = null)
    {
        if (!Wait.Until(() => condition(this), within, TimeSpan.FromMilliseconds(20)))
        {
            Assert.Fail($"{what}: not within {within.TotalSeconds:0.#} s\n----- our stack:\n{History}" + (more is null ? string.Empty : "\n" + more()));
        }
    }

    /// <summary>Closes <paramref name="tunnel"/> with a StopCCN and waits until the peer acknowledged it and the tunnel is released.</summary>
    public bool CloseTunnel(L2tpTunnel tunnel, TimeSpan within)
    {
        tunnel.Close();
        return Wait.Until(() => Endpoint.FindTunnel(tunnel.LocalTunnelId) is null, within, TimeSpan.FromMilliseconds(20));
    }

    public void Note(string text)
    {
        lock (gate)
        {
            events.Add(string.Create(CultureInfo.InvariantCulture, $"+{clock.Elapsed.TotalSeconds:0.000} s {text}"));
        }
    }

    void IL2tpEndpointHandler.SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload) => transport.Send(peer, payload);

    void IL2tpEndpointHandler.DeliverFrame(L2tpSession session, ReadOnlySpan<byte> frame) => PppOf(session)?.Receive(frame);

    void IL2tpEndpointHandler.TunnelUp(L2tpTunnel tunnel)
    {
        Note($"TunnelUp {tunnel} host '{tunnel.PeerHostName}' vendor '{tunnel.PeerVendorName}' window {tunnel.PeerReceiveWindowSize}");
        Add(tunnelsUp, tunnel);
    }

    void IL2tpEndpointHandler.TunnelDown(L2tpTunnel tunnel, L2tpCloseReason reason)
    {
        var c = tunnel.ControlCounters;
        Note($"TunnelDown {tunnel}: {reason}; control messages sent {c.MessagesSent}, retransmitted {c.Retransmissions}, " +
            $"ZLB sent {c.ZeroLengthBodiesSent}, delivered {c.MessagesDelivered}, duplicates received {c.DuplicatesReceived}");
        Add(tunnelsDown, (tunnel, reason));
    }

    void IL2tpEndpointHandler.SessionUp(L2tpSession session)
    {
        Note($"SessionUp {session} ({session.Role})");
        Add(sessionsUp, session);
        if (pppOptions(session) is not { } options)
        {
            return;
        }

        var ppp = new PppSession(options, frame => session.SendFrame(frame), packet => Add(packets, packet.ToArray()));
        ppp.Opened += (_, e) =>
        {
            Note($"PPP opened: user '{e.UserName}' {e.AuthenticationProtocol}, local {e.LocalAddress}, peer {e.PeerAddress}, " +
                $"DNS [{string.Join(", ", e.DnsServers)}] WINS [{string.Join(", ", e.WinsServers)}], peer MRU {e.PeerMru}");
            Add(opened, e);
        };
        ppp.AuthenticationFailed += (_, e) =>
        {
            Note($"PPP authentication failed: user '{e.UserName}' {e.Protocol} {e.Reason} final={e.Final}");
            Add(authenticationFailures, e);
        };
        ppp.Closed += (_, e) =>
        {
            Note($"PPP closed: {e.Reason} ({e.Detail})");
            Add(closed, e);
            session.Close(); // the call ends with the link: CDN (nothing is sent when it is already gone)
        };
        lock (gate)
        {
            links[session] = ppp;
        }

        ppp.Start();
    }

    void IL2tpEndpointHandler.SessionDown(L2tpSession session, L2tpCloseReason reason)
    {
        var ppp = PppOf(session);
        Note($"SessionDown {session}: {reason}; PPP phase {ppp?.Phase}");
        Add(sessionsDown, (session, reason, ppp?.Phase));
        ppp?.LowerLayerDown();
    }

    public void Dispose()
    {
        transport.Dispose();
        Endpoint.Dispose();
        lock (gate)
        {
            foreach (var ppp in links.Values)
            {
                ppp.Dispose();
            }
        }
    }

    private void Add<T>(List<T> list, T item)
    {
        lock (gate)
        {
            list.Add(item);
        }
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (gate)
        {
            return list.ToList();
        }
    }
}
