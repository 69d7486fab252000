using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Sa;
using Engine.Host.Audit;
using Engine.Host.Logging;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Addressing;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Lcp;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Vpn;

/// <summary>
/// The L2TP/IPsec gateway (LNS + PPP server) over the engine's IPsec SAs: L2TP datagrams arrive
/// decrypted from the data plane with the SA they came through (<see cref="Deliver"/>), answers go
/// back through the same conversation (<see cref="IVpnPacketPort.SendThrough"/>); a session's IP
/// packets go to the host through the TUN device and the host's packets for a client come back
/// through <see cref="TryTakeOutbound"/>. Tunnels are keyed by the conversation's reqid and the
/// client's address and port, so clients behind one NAT each get their own.
/// </summary>
internal sealed class VpnGatewayServer : IL2tpEndpointHandler, IDecryptedPacketSink, IDisposable
{
    private const int L2tpPort = 1701;
    private readonly IVpnPacketPort port;
    private readonly VpnUserDirectory users;
    private readonly IAuditSink audit;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly L2tpEndpoint endpoint;
    private readonly Lock gate = new();
    private readonly Dictionary<L2tpSession, GatewaySession> sessions = new();
    private readonly ConcurrentDictionary<uint, GatewaySession> byAddress = new();
    private readonly ConcurrentDictionary<int, IPAddress> localAddressByReqId = new();
    private readonly ConcurrentDictionary<int, uint> inboundSpiByReqId = new();
    private VpnGateway settings;
    private (VpnGateway Settings, Ipv4AddressPool Pool, PppSessionOptions Options)? pppOptions;
    private Ipv4AddressPool pool;
    private uint poolFirst;
    private uint poolLast;
    private ulong nextSessionId;
    private long connectionsTotal;
    private long authenticationFailures;
    private long sessionsRefused;
    private long droppedDatagrams;
    private bool stopped;

    public VpnGatewayServer(VpnGateway settings, VpnUserDirectory users, IVpnPacketPort port, IAuditSink audit, ILogger logger, TimeProvider time)
    {
        this.port = port;
        this.users = users;
        this.audit = audit;
        this.logger = logger;
        this.time = time;
        this.settings = settings;
        (pool, poolFirst, poolLast) = NewPool(settings);
        users.Reloaded += ApplyStaticAddresses;
        ApplyStaticAddresses(users.Users);
        Since = time.GetUtcNow();
        // Every client opens a tunnel of its own: the endpoint's default cap of 4,096 tunnels would
        // refuse clients long before -MaxSessions (up to 65,535) does, which AdmitSession enforces.
        endpoint = new L2tpEndpoint(new L2tpEndpointOptions { MaximumTunnels = VpnGatewayRules.MaxSessionsLimit }, this, time);
    }

    public DateTimeOffset Since { get; }

    /// <summary>The gateway's own address on the PPP links.</summary>
    public IPAddress LocalAddress => settings.LocalAddress ?? pool.First;

    /// <summary>Decrypted L2TP from a client: the packet from its IP header on, and the SA it came through.</summary>
    public void Deliver(SecurityAssociation sa, ReadOnlySpan<byte> packet) => Deliver(sa.ReqId, sa.Spi, packet);

    /// <summary>The same, by the SA's conversation and inbound SPI (what in-process tests feed).</summary>
    internal void Deliver(int reqId, uint spi, ReadOnlySpan<byte> packet)
    {
        if (stopped || !UdpPacket.TryRead(packet, out var view) || view.Destination.Port != L2tpPort)
        {
            Interlocked.Increment(ref droppedDatagrams);
            return;
        }

        if (!localAddressByReqId.TryGetValue(reqId, out var known) || !known.Equals(view.Destination.Address))
        {
            localAddressByReqId[reqId] = view.Destination.Address;
        }

        inboundSpiByReqId[reqId] = spi;
        endpoint.Receive(new L2tpPeerKey((ulong)reqId, view.Source), packet.Slice(view.PayloadOffset, view.PayloadLength));
    }

    /// <summary>A packet the host routed into the TUN device: true when it was for a client of ours (sent or dropped).</summary>
    public bool TryTakeOutbound(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < UdpPacket.Ipv4HeaderLength || packet[0] >> 4 != 4)
        {
            return false;
        }

        var destination = BinaryPrimitives.ReadUInt32BigEndian(packet[16..]);
        if (byAddress.TryGetValue(destination, out var session))
        {
            session.Ppp.SendPacket(packet);
            return true;
        }

        // A pool address nobody holds now: drop it here rather than let the policy see it.
        return destination >= poolFirst && destination <= poolLast;
    }

    public void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload)
    {
        var reqId = (int)peer.SecurityAssociationId;
        if (!localAddressByReqId.TryGetValue(reqId, out var local))
        {
            Interlocked.Increment(ref droppedDatagrams);
            return;
        }

        var family = peer.Remote.AddressFamily;
        var headerLength = UdpPacket.HeaderLength(family);
        var buffer = ArrayPool<byte>.Shared.Rent(headerLength + payload.Length);
        try
        {
            payload.CopyTo(buffer.AsSpan(headerLength));
            var length = UdpPacket.WriteHeaders(buffer, new IPEndPoint(local, L2tpPort), peer.Remote, payload.Length);
            if (!port.SendThrough(reqId, buffer.AsSpan(0, length)))
            {
                Interlocked.Increment(ref droppedDatagrams);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public L2tpAdmission AdmitSession(L2tpSession session)
    {
        lock (gate)
        {
            if (!stopped && sessions.Count < settings.MaxSessions)
            {
                return L2tpAdmission.Accept;
            }
        }

        Refused(null, session.Peer.Remote, stopped ? "the gateway is stopping" : $"the gateway has {settings.MaxSessions} sessions, its maximum (-MaxSessions)");
        return L2tpAdmission.Refuse(L2tpResult.Cdn(CdnResultCode.TemporaryLackOfFacilities, L2tpErrorCode.None, "maximum number of sessions reached"));
    }

    public void SessionUp(L2tpSession call)
    {
        var current = settings;
        GatewaySession session;
        lock (gate)
        {
            session = new GatewaySession(++nextSessionId, call, time.GetUtcNow());
            sessions[call] = session;
        }

        session.Ppp = new PppSession(PppOptions(current), frame => call.SendFrame(frame), packet => FromClient(session, packet));
        session.Ppp.Opened += (_, e) => Opened(session, e);
        session.Ppp.AuthenticationFailed += (_, e) => AuthenticationFailedEvent(session, e);
        session.Ppp.Closed += (_, e) => Closed(session, e);
        logger.VpnTunnel(call.ToString(), $"call from {call.Peer.Remote} up, PPP starts (session {session.Id})");
        session.Ppp.Start();
    }

    public void DeliverFrame(L2tpSession call, ReadOnlySpan<byte> frame)
    {
        GatewaySession? session;
        lock (gate)
        {
            sessions.TryGetValue(call, out session);
        }

        session?.Ppp.Receive(frame);
    }

    public void SessionDown(L2tpSession call, L2tpCloseReason reason)
    {
        GatewaySession? session;
        lock (gate)
        {
            sessions.TryGetValue(call, out session);
        }

        session?.Ppp.LowerLayerDown();
    }

    public void TunnelUp(L2tpTunnel tunnel) => logger.VpnTunnel(tunnel.ToString(), $"up ({tunnel.PeerHostName}, {tunnel.PeerVendorName})");

    public void TunnelDown(L2tpTunnel tunnel, L2tpCloseReason reason) => logger.VpnTunnel(tunnel.ToString(), $"down: {reason}");

    /// <summary>New settings for sessions to come; sessions up keep what they negotiated.</summary>
    public void Reconfigure(VpnGateway next)
    {
        lock (gate)
        {
            var rangeChanged = next.AddressRange != settings.AddressRange || !Equals(next.LocalAddress, settings.LocalAddress);
            settings = next;
            if (rangeChanged)
            {
                // Sessions up keep their leases in the old pool; the new one must not hand their
                // addresses out again (they stay out of it until the next change of the range).
                (pool, poolFirst, poolLast) = NewPool(next, byAddress.Keys.Select(Ipv4Prefixes.Address));
            }
        }

        ApplyStaticAddresses(users.Users);
        logger.VpnGatewayReconfigured();
    }

    /// <summary>Disconnect-VpnSession: LCP Terminate-Request, then the CDN once PPP has finished.</summary>
    public VpnSession? Disconnect(ulong id)
    {
        var session = Find(id);
        if (session is null)
        {
            return null;
        }

        var report = Report(session);
        session.Ppp.Close();
        return report;
    }

    /// <summary>Stop-VpnGateway: every user gets an LCP Terminate-Request, every tunnel a StopCCN.</summary>
    public int Stop()
    {
        List<GatewaySession> all;
        lock (gate)
        {
            stopped = true;
            all = sessions.Values.ToList();
        }

        foreach (var session in all)
        {
            session.Ppp.Close();
        }

        endpoint.Shutdown();
        users.Reloaded -= ApplyStaticAddresses;
        return all.Count;
    }

    public IReadOnlyList<VpnSession> Sessions(Func<uint, ulong> quickModeOfSpi)
    {
        List<GatewaySession> all;
        lock (gate)
        {
            all = sessions.Values.Where(s => s.ConnectedAt is not null && !s.Ended).OrderBy(s => s.Id).ToList();
        }

        return all.Select(s =>
        {
            var report = Report(s);
            report.QuickModeSaId = inboundSpiByReqId.TryGetValue(s.ReqId, out var spi) ? quickModeOfSpi(spi) : 0;
            return report;
        }).ToList();
    }

    public VpnGatewayStatus Status(IEnumerable<string> serverAddresses)
    {
        var current = settings;
        int up, tunnels;
        lock (gate)
        {
            up = sessions.Values.Count(s => s.ConnectedAt is not null && !s.Ended);
        }

        tunnels = endpoint.Tunnels.Count;
        return new VpnGatewayStatus
        {
            State = stopped ? "Stopped" : "Running",
            InterfaceAlias = current.InterfaceAlias,
            ServerAddresses = serverAddresses.ToArray(),
            AddressRange = current.AddressRange,
            LocalAddress = LocalAddress.ToString(),
            DnsServers = current.DnsServers.Select(a => a.ToString()).ToArray(),
            WinsServers = current.WinsServers.Select(a => a.ToString()).ToArray(),
            AuthenticationMethods = current.AuthenticationMethods.Select(m => m.ToString()).ToArray(),
            MaxSessions = current.MaxSessions,
            IdleDisconnectSeconds = current.IdleDisconnectSeconds,
            Mtu = current.Mtu,
            Sessions = up,
            Tunnels = tunnels,
            AddressesFree = Math.Max(0, pool.Capacity - pool.InUse),
            Since = Since,
            ConnectionsTotal = Interlocked.Read(ref connectionsTotal),
            AuthenticationFailures = Interlocked.Read(ref authenticationFailures),
            SessionsRefused = Interlocked.Read(ref sessionsRefused),
        };
    }

    /// <summary>Datagrams dropped: not L2TP, unknown conversation, or the SA gone when answering.</summary>
    public long DroppedDatagrams => Interlocked.Read(ref droppedDatagrams);

    public void Dispose()
    {
        users.Reloaded -= ApplyStaticAddresses;
        endpoint.Dispose();
    }

    /// <summary>
    /// The PPP options of sessions made under <paramref name="current"/> and the current pool:
    /// built once per settings and pool (they are immutable and shared by the sessions), not once
    /// per session. Only SessionUp calls it, under the L2TP endpoint's lock.
    /// </summary>
    private PppSessionOptions PppOptions(VpnGateway current)
    {
        var currentPool = pool;
        if (pppOptions is { } cached && ReferenceEquals(cached.Settings, current) && ReferenceEquals(cached.Pool, currentPool))
        {
            return cached.Options;
        }

        var options = NewPppOptions(current, currentPool);
        pppOptions = (current, currentPool, options);
        return options;
    }

    private PppSessionOptions NewPppOptions(VpnGateway current, Ipv4AddressPool addressPool) => new()
    {
        Role = PppRole.Server,
        TimeProvider = time,
        Lcp = new LcpSettings { Mru = (ushort)current.Mtu },
        IdleTimeout = TimeSpan.FromSeconds(current.IdleDisconnectSeconds),
        Server = new PppServerSettings
        {
            AuthenticationProtocols = current.AuthenticationMethods.Select(VpnAuthenticationMethods.ToPpp).ToList(),
            UserLookup = users.Lookup,
            LocalAddress = LocalAddress,
            AddressPool = addressPool,
            DnsServers = current.DnsServers.ToList(),
            WinsServers = current.WinsServers.ToList(),
        },
    };

    private void FromClient(GatewaySession session, ReadOnlySpan<byte> packet)
    {
        // A client may only send from the address it was given: nothing it sends reaches the LAN
        // with another source (pppd leaves this to rp_filter; the TUN device has it off).
        if (packet.Length < UdpPacket.Ipv4HeaderLength || packet[0] >> 4 != 4 || BinaryPrimitives.ReadUInt32BigEndian(packet[12..]) != session.AssignedAddress)
        {
            Interlocked.Increment(ref session.SpoofedDropped);
            return;
        }

        port.DeliverToHost(packet);
    }

    private void Opened(GatewaySession session, PppSessionOpenedEventArgs e)
    {
        session.ConnectedAt = time.GetUtcNow();
        session.UserName = e.UserName ?? string.Empty;
        session.AssignedAddress = Ipv4Prefixes.Number(e.PeerAddress);
        byAddress[session.AssignedAddress] = session;
        Interlocked.Increment(ref connectionsTotal);
        var client = session.Client.ToString();
        audit.Write(VpnAudit.Connected(session.UserName, client, e.PeerAddress.ToString(), session.Id));
        logger.VpnSessionUp(session.Id, session.UserName, client, e.PeerAddress.ToString(), e.AuthenticationProtocol?.ToString() ?? "none");
    }

    private void AuthenticationFailedEvent(GatewaySession session, PppAuthenticationFailedEventArgs e)
    {
        Interlocked.Increment(ref authenticationFailures);
        var reason = e.Reason switch
        {
            AuthenticationFailureReason.UnknownUser => users.Describe(e.UserName) == "disabled user" ? "the user is disabled" : "the user is unknown",
            AuthenticationFailureReason.WrongPassword => "the password is wrong",
            AuthenticationFailureReason.ProtocolRefused => "the client offers none of the accepted authentication methods",
            AuthenticationFailureReason.Timeout => "the client did not answer in time",
            AuthenticationFailureReason.MalformedResponse => "the client's response could not be read",
            _ => e.Reason.ToString(),
        };
        var protocol = e.Protocol?.ToString() ?? "none";
        audit.Write(VpnAudit.AuthenticationFailed(e.UserName, session.Client.ToString(), protocol, reason));
        logger.VpnAuthenticationFailed(e.UserName ?? "(none given)", session.Client.ToString(), protocol, reason);
    }

    private void Closed(GatewaySession session, PppSessionClosedEventArgs e)
    {
        lock (gate)
        {
            if (session.Ended)
            {
                return;
            }

            session.Ended = true;
            sessions.Remove(session.Call);
        }

        if (session.AssignedAddress != 0)
        {
            byAddress.TryRemove(new KeyValuePair<uint, GatewaySession>(session.AssignedAddress, session));
        }

        var client = session.Client.ToString();
        var reason = Describe(e);
        if (session.ConnectedAt is { } connectedAt)
        {
            var statistics = session.Ppp.Statistics;
            audit.Write(VpnAudit.Disconnected(session.UserName ?? string.Empty, client, Ipv4Prefixes.Address(session.AssignedAddress).ToString(), session.Id,
                time.GetUtcNow() - connectedAt, statistics.BytesSent, statistics.BytesReceived, reason));
        }
        else if (e.Reason == PppCloseReason.AddressUnavailable)
        {
            Refused(e.UserName, session.Client, "no address is left in the pool (-AddressRange) for this user");
        }

        logger.VpnSessionDown(session.Id, session.UserName ?? e.UserName ?? "(not authenticated)", client, reason);
        var result = e.Reason == PppCloseReason.LocalClose
            ? L2tpResult.Cdn(CdnResultCode.Administrative, L2tpErrorCode.None, "disconnected by the administrator")
            : L2tpResult.Cdn(CdnResultCode.GeneralError, L2tpErrorCode.None, reason);
        session.Call.Close(result);
        session.Ppp.Dispose();
    }

    private void Refused(string? user, IPEndPoint client, string reason)
    {
        Interlocked.Increment(ref sessionsRefused);
        audit.Write(VpnAudit.Refused(user, client.ToString(), reason));
        logger.VpnConnectionRefused(client.ToString(), reason);
    }

    private GatewaySession? Find(ulong id)
    {
        lock (gate)
        {
            return sessions.Values.FirstOrDefault(s => s.Id == id && s.ConnectedAt is not null && !s.Ended);
        }
    }

    private static VpnSession Report(GatewaySession s)
    {
        var statistics = s.Ppp.Statistics;
        return new VpnSession
        {
            Id = s.Id,
            UserName = s.UserName ?? string.Empty,
            AuthenticationMethod = s.Ppp.AuthenticationProtocol?.ToString() ?? string.Empty,
            ClientAddress = s.Client.Address.ToString(),
            ClientPort = s.Client.Port,
            AssignedAddress = Ipv4Prefixes.Address(s.AssignedAddress).ToString(),
            ConnectedSince = s.ConnectedAt ?? s.StartedAt,
            BytesIn = statistics.BytesReceived,
            BytesOut = statistics.BytesSent,
            PacketsIn = statistics.PacketsReceived,
            PacketsOut = statistics.PacketsSent,
            TunnelId = s.Call.Tunnel.LocalTunnelId,
            L2tpSessionId = s.Call.LocalSessionId,
        };
    }

    private static string Describe(PppSessionClosedEventArgs e) => e.Reason switch
    {
        PppCloseReason.LocalClose => "disconnected by the administrator",
        PppCloseReason.PeerTerminated => "the user disconnected",
        PppCloseReason.LowerLayerDown => "the L2TP tunnel or call went down",
        PppCloseReason.IdleTimeout => "idle timeout (-IdleDisconnectSeconds)",
        PppCloseReason.KeepaliveTimeout => "the client stopped answering (LCP echo)",
        PppCloseReason.AddressUnavailable => "no address left for the client",
        _ => $"{e.Reason}: {e.Detail}",
    };

    private void ApplyStaticAddresses(IReadOnlyList<VpnUser> current)
    {
        var target = pool;
        foreach (var user in current)
        {
            if (user.StaticAddress is { } address && address.AddressFamily == AddressFamily.InterNetwork)
            {
                target.SetStaticAddress(user.Name, address);
            }
            else
            {
                target.RemoveStaticAddress(user.Name);
            }
        }
    }

    private static (Ipv4AddressPool Pool, uint First, uint Last) NewPool(VpnGateway settings, IEnumerable<IPAddress>? taken = null)
    {
        var (first, last) = VpnGatewayRules.ParseAddressRange(settings.AddressRange);
        var local = settings.LocalAddress ?? first;
        return (new Ipv4AddressPool(first, last, [local, .. taken ?? []]), Ipv4Prefixes.Number(first), Ipv4Prefixes.Number(last));
    }
}
