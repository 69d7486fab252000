using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp;

/// <summary>
/// The L2TP side of the gateway (LNS) and of the client (LAC): it takes every UDP payload that
/// arrived on port 1701 through an IPsec SA, with the <see cref="L2tpPeerKey"/> of that SA and
/// the client's address and port, and runs the tunnels and sessions it belongs to. It knows no
/// sockets and no clock of its own: datagrams leave through <see cref="IL2tpEndpointHandler.SendDatagram"/>,
/// PPP frames through <see cref="IL2tpEndpointHandler.DeliverFrame"/>, and time comes from the
/// <see cref="TimeProvider"/>.
/// <para>The registry: tunnels by local tunnel ID (random, non-zero, unique), each bound to its
/// peer key; a datagram for a tunnel from another SA or endpoint is dropped. A new SCCRQ (tunnel
/// ID 0) is matched by (peer key, the peer's Assigned Tunnel ID), so its retransmission reaches
/// the tunnel it created instead of creating another, while two clients behind one NAT get one
/// tunnel each because their keys differ.</para>
/// </summary>
public sealed class L2tpEndpoint : IDisposable
{
    private readonly Dictionary<ushort, L2tpTunnel> tunnels = new();
    private readonly Dictionary<(L2tpPeerKey Peer, ushort PeerTunnelId), L2tpTunnel> tunnelsByPeer = new();
    private uint nextCallSerialNumber = 1;
    private bool disposed;

    public L2tpEndpoint(L2tpEndpointOptions options, IL2tpEndpointHandler handler, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        Options = options;
        Handler = handler;
        Time = time ?? TimeProvider.System;
    }

    public L2tpEndpointOptions Options { get; }

    public L2tpEndpointCounters Counters { get; } = new();

    /// <summary>The tunnels that are not yet released (closing and holding ones included).</summary>
    public IReadOnlyList<L2tpTunnel> Tunnels
    {
        get
        {
            lock (Gate)
            {
                return tunnels.Values.ToArray();
            }
        }
    }

    internal Lock Gate { get; } = new();

    internal IL2tpEndpointHandler Handler { get; }

    internal TimeProvider Time { get; }

    internal int TunnelCount => tunnels.Count;

    /// <summary>
    /// Takes one UDP payload received from <paramref name="peer"/>. Truncated or malformed
    /// datagrams, and datagrams for unknown tunnels or from the wrong peer, are counted and dropped.
    /// </summary>
    public void Receive(L2tpPeerKey peer, ReadOnlySpan<byte> payload)
    {
        lock (Gate)
        {
            if (disposed)
            {
                return;
            }

            Counters.CountReceived();
            L2tpHeader header;
            try
            {
                if (!L2tpHeader.TryRead(payload, out header))
                {
                    Counters.CountTruncated();
                    return;
                }
            }
            catch (L2tpProtocolException)
            {
                Counters.CountMalformed();
                return;
            }

            if (header.IsControl)
            {
                ReceiveControl(peer, header, payload);
            }
            else
            {
                ReceiveData(peer, header, payload);
            }
        }
    }

    /// <summary>
    /// Opens a tunnel to <paramref name="peer"/> (the client side): the SCCRQ goes out now and
    /// <see cref="IL2tpEndpointHandler.TunnelUp"/> follows the SCCRP. Calls can be placed on the
    /// returned tunnel at once; they start when it is up.
    /// </summary>
    public L2tpTunnel OpenTunnel(L2tpPeerKey peer)
    {
        ArgumentNullException.ThrowIfNull(peer.Remote);
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (tunnels.Count >= Options.MaximumTunnels)
            {
                throw new InvalidOperationException($"{tunnels.Count} tunnels are open, the maximum");
            }

            var tunnel = new L2tpTunnel(this, peer, AllocateTunnelId(), initiator: true);
            tunnels.Add(tunnel.LocalTunnelId, tunnel);
            tunnel.Start();
            return tunnel;
        }
    }

    /// <summary>The tunnel with this local tunnel ID, if it is not released.</summary>
    public L2tpTunnel? FindTunnel(ushort localTunnelId)
    {
        lock (Gate)
        {
            return tunnels.GetValueOrDefault(localTunnelId);
        }
    }

    /// <summary>The session keyed by this side's (tunnel ID, session ID), if both exist.</summary>
    public L2tpSession? FindSession(ushort localTunnelId, ushort localSessionId)
    {
        lock (Gate)
        {
            return tunnels.TryGetValue(localTunnelId, out var tunnel) && tunnel.TryGetSession(localSessionId, out var session) ? session : null;
        }
    }

    /// <summary>
    /// Moves every tunnel of <paramref name="from"/> to <paramref name="to"/>: the IPsec SA under
    /// them was replaced by one with another identity, or NAT-T saw the client's port change.
    /// </summary>
    public void RebindPeer(L2tpPeerKey from, L2tpPeerKey to)
    {
        ArgumentNullException.ThrowIfNull(to.Remote);
        lock (Gate)
        {
            foreach (var tunnel in tunnels.Values.Where(tunnel => tunnel.Peer == from).ToArray())
            {
                if (tunnel.PeerTunnelId != 0)
                {
                    tunnelsByPeer.Remove((from, tunnel.PeerTunnelId));
                }

                tunnel.Peer = to;
                if (tunnel.PeerTunnelId != 0)
                {
                    tunnelsByPeer[(to, tunnel.PeerTunnelId)] = tunnel;
                }
            }
        }
    }

    /// <summary>Stops every tunnel with StopCCN result 6 (requester is being shut down); they finish closing on their own timers.</summary>
    public void Shutdown()
    {
        lock (Gate)
        {
            foreach (var tunnel in tunnels.Values.ToArray())
            {
                tunnel.Stop(L2tpResult.StopCcn(StopCcnResultCode.ShuttingDown), L2tpCloseKind.Shutdown, "the endpoint is shutting down");
            }
        }
    }

    /// <summary>Releases every tunnel at once, without telling the peers (call <see cref="Shutdown"/> first for a clean stop).</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var tunnel in tunnels.Values.ToArray())
            {
                tunnel.Free();
            }
        }
    }

    internal byte[] RandomBytes(int length)
    {
        var octets = new byte[length];
        Options.Random(octets);
        return octets;
    }

    internal uint NextCallSerialNumber() => nextCallSerialNumber++;

    internal void RegisterPeerTunnelId(L2tpTunnel tunnel) => tunnelsByPeer[(tunnel.Peer, tunnel.PeerTunnelId)] = tunnel;

    internal void Unregister(L2tpTunnel tunnel)
    {
        if (tunnels.TryGetValue(tunnel.LocalTunnelId, out var registered) && ReferenceEquals(registered, tunnel))
        {
            tunnels.Remove(tunnel.LocalTunnelId);
        }

        if (tunnel.PeerTunnelId != 0
            && tunnelsByPeer.TryGetValue((tunnel.Peer, tunnel.PeerTunnelId), out var byPeer)
            && ReferenceEquals(byPeer, tunnel))
        {
            tunnelsByPeer.Remove((tunnel.Peer, tunnel.PeerTunnelId));
        }
    }

    private void ReceiveControl(L2tpPeerKey peer, in L2tpHeader header, ReadOnlySpan<byte> datagram)
    {
        var body = header.Payload(datagram);
        if (header.TunnelId == 0)
        {
            ReceiveNewTunnel(peer, header, body);
            return;
        }

        if (!tunnels.TryGetValue(header.TunnelId, out var tunnel))
        {
            Counters.CountUnknownTunnel();
            return;
        }

        if (tunnel.Peer != peer)
        {
            Counters.CountWrongPeer();
            return;
        }

        tunnel.NoteActivity();
        tunnel.Channel.Receive(header, body);
        tunnel.AfterReceive();
    }

    /// <summary>
    /// A control message with tunnel ID 0: an SCCRQ (a new tunnel, or the retransmission of one
    /// already answered). Anything else cannot be attributed and is dropped.
    /// </summary>
    private void ReceiveNewTunnel(L2tpPeerKey peer, in L2tpHeader header, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || header.Ns != 0)
        {
            Counters.CountUnknownTunnel();
            return;
        }

        ControlAttributes? attributes;
        try
        {
            attributes = ControlAttributesCodec.Decode(body, Options.TunnelSecret.Span);
        }
        catch (L2tpProtocolException refusal)
        {
            // Refused SCCRQs still get a tunnel, which answers with the StopCCN.
            attributes = refusal.Attributes;
        }

        if (attributes?.MessageType != ControlMessageType.Sccrq)
        {
            Counters.CountUnknownTunnel();
            return;
        }

        if (attributes.AssignedTunnelId is { } peerTunnelId and not 0
            && tunnelsByPeer.TryGetValue((peer, peerTunnelId), out var existing))
        {
            existing.NoteActivity();
            existing.Channel.Receive(header, body);
            existing.AfterReceive();
            return;
        }

        if (!ResolveTieBreaker(peer, attributes.TieBreaker))
        {
            Counters.CountIgnored();
            return;
        }

        if (tunnels.Count >= ushort.MaxValue - 1)
        {
            Counters.CountIgnored();
            return;
        }

        var tunnel = new L2tpTunnel(this, peer, AllocateTunnelId(), initiator: false);
        tunnels.Add(tunnel.LocalTunnelId, tunnel);
        tunnel.Channel.Receive(header, body);
        tunnel.AfterReceive();
    }

    /// <summary>
    /// Section 4.4.3: when an SCCRQ arrives from a peer this side is itself opening a tunnel to,
    /// and a Tie Breaker is involved, only one tunnel may survive. The lower tie breaker wins; a
    /// side that sent none loses to one that did; equal values lose on both sides. Returns true
    /// when the peer's SCCRQ is to be answered (this side's own attempt is discarded then).
    /// </summary>
    private bool ResolveTieBreaker(L2tpPeerKey peer, ulong? theirs)
    {
        var ours = tunnels.Values.FirstOrDefault(tunnel => tunnel.IsInitiator && tunnel.Peer == peer && tunnel.State == L2tpTunnelState.WaitControlReply);
        if (ours is null || (ours.TieBreaker is null && theirs is null))
        {
            return true;
        }

        var peerWins = ours.TieBreaker is not { } mine || (theirs is { } value && value < mine);
        var tie = ours.TieBreaker is { } a && theirs is { } b && a == b;
        if (peerWins || tie)
        {
            ours.Discard(new L2tpCloseReason(L2tpCloseKind.TieBreakerLost, null,
                tie ? "both sides sent the same tie breaker" : "the peer's tie breaker won"));
        }

        return peerWins;
    }

    private void ReceiveData(L2tpPeerKey peer, in L2tpHeader header, ReadOnlySpan<byte> datagram)
    {
        if (!tunnels.TryGetValue(header.TunnelId, out var tunnel) || tunnel.State != L2tpTunnelState.Established)
        {
            Counters.CountUnknownTunnel();
            return;
        }

        if (tunnel.Peer != peer)
        {
            Counters.CountWrongPeer();
            return;
        }

        tunnel.NoteActivity();
        if (!tunnel.TryGetSession(header.SessionId, out var session) || session.State != L2tpSessionState.Established)
        {
            Counters.CountUnknownSession();
            return;
        }

        session.ReceiveData(header, datagram);
    }

    private ushort AllocateTunnelId()
    {
        Span<byte> octets = stackalloc byte[2];
        while (true)
        {
            Options.Random(octets);
            var id = (ushort)((octets[0] << 8) | octets[1]);
            if (id != 0 && !tunnels.ContainsKey(id))
            {
                return id;
            }
        }
    }
}
