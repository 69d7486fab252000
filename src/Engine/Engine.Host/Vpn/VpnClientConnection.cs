using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.Host.Audit;
using Engine.Host.Logging;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Lcp;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Vpn;

/// <summary>
/// The engine as an L2TP/IPsec client (what racoon + l2tpd + pppd did by hand): an L2TP LAC on a
/// UDP socket bound to port 1701, whose datagrams the generated policy secures like any other
/// traffic (the first one triggers IKE with the profile's proposals), a PPP client over the call,
/// and the assigned address on the TUN device with routes to the gateway's networks. A dropped
/// link is dialled again with a growing pause; a refused authentication is not (the password is
/// wrong until someone changes it).
/// </summary>
internal sealed class VpnClientConnection : IL2tpEndpointHandler, IDisposable
{
    private const int L2tpPort = 1701;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(60);

    /// <summary>How long a disconnect waits for the StopCCN's acknowledgment: room for two retransmissions (1 s, then 2 s).</summary>
    private static readonly TimeSpan GoodbyeWait = TimeSpan.FromSeconds(3.5);

    private readonly VpnConnection settings;
    private readonly string password;
    private readonly IPAddress localAddress;
    private readonly IVpnPacketPort port;
    private readonly IVpnClientHost host;
    private readonly IAuditSink audit;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly IPEndPoint server;
    private readonly Lock gate = new();
    private readonly Socket socket;
    private readonly Thread receiver;
    private readonly L2tpEndpoint endpoint;
    private readonly ITimer retryTimer;
    private TimeSpan retryDelay = FirstRetry;
    private L2tpTunnel? tunnel;
    private PppSession? ppp;
    private volatile uint assigned;
    private IPAddress? assignedAddress;
    private string state = "Connecting";
    private string? lastError;
    private DateTimeOffset? connectedSince;
    private PppSessionOpenedEventArgs? link;
    private volatile bool disposed;
    private volatile bool refusedWhileAuthenticating;

    public VpnClientConnection(VpnConnection settings, string password, IPAddress localAddress, IVpnPacketPort port, IVpnClientHost host,
        IAuditSink audit, ILogger logger, TimeProvider time)
    {
        this.settings = settings;
        this.password = password;
        this.localAddress = localAddress;
        this.port = port;
        this.host = host;
        this.audit = audit;
        this.logger = logger;
        this.time = time;
        server = new IPEndPoint(settings.ServerAddress, L2tpPort);
        socket = new Socket(localAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(localAddress, L2tpPort));
        endpoint = new L2tpEndpoint(new L2tpEndpointOptions(), this, time);
        retryTimer = time.CreateTimer(_ => Dial(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "vpn-client-l2tp" };
        receiver.Start();
    }

    /// <summary>Opens the tunnel and places the call; PPP follows when the call is up.</summary>
    public void Dial()
    {
        lock (gate)
        {
            if (disposed || tunnel is not null)
            {
                return;
            }

            SetState("Connecting", null);
            tunnel = endpoint.OpenTunnel(new L2tpPeerKey(0, server));
            tunnel.OpenSession();
        }
    }

    /// <summary>A packet the host routed into the TUN device: true when it leaves through the connection.</summary>
    public bool TryTakeOutbound(ReadOnlySpan<byte> packet)
    {
        var own = assigned;
        if (own == 0 || packet.Length < UdpPacket.Ipv4HeaderLength || packet[0] >> 4 != 4 || BinaryPrimitives.ReadUInt32BigEndian(packet[12..]) != own)
        {
            return false;
        }

        ppp?.SendPacket(packet);
        return true;
    }

    public VpnConnectionStatus Status()
    {
        lock (gate)
        {
            var statistics = ppp?.Statistics;
            return new VpnConnectionStatus
            {
                ServerAddress = settings.ServerAddress.ToString(),
                UserName = settings.UserName,
                ProposalProfile = settings.ProposalProfile.ToString(),
                AuthenticationMethods = settings.AuthenticationMethods.Select(m => m.ToString()).ToArray(),
                State = state,
                AssignedAddress = link?.LocalAddress.ToString(),
                GatewayAddress = link?.PeerAddress.ToString(),
                DnsServers = link?.DnsServers.Select(a => a.ToString()).ToArray() ?? [],
                WinsServers = link?.WinsServers.Select(a => a.ToString()).ToArray() ?? [],
                Routes = link is null ? [] : Routes(link.LocalAddress).Select(r => $"{r.Network}/{r.PrefixLength}").ToArray(),
                AuthenticationMethod = link?.AuthenticationProtocol?.ToString(),
                ConnectedSince = connectedSince,
                BytesIn = statistics?.BytesReceived ?? 0,
                BytesOut = statistics?.BytesSent ?? 0,
                PacketsIn = statistics?.PacketsReceived ?? 0,
                PacketsOut = statistics?.PacketsSent ?? 0,
                LastError = lastError,
            };
        }
    }

    public void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload)
    {
        try
        {
            socket.SendTo(payload, SocketFlags.None, peer.Remote);
        }
        catch (SocketException) when (disposed)
        {
        }
        catch (SocketException)
        {
            // The packet is lost; L2TP retransmits control messages and PPP copes with data loss.
        }
    }

    public void SessionUp(L2tpSession call)
    {
        var session = new PppSession(new PppSessionOptions
        {
            Role = PppRole.Client,
            TimeProvider = time,
            Lcp = new LcpSettings { Mru = 1400 },
            Client = new PppClientSettings
            {
                UserName = settings.UserName,
                Password = PppPassword.FromString(password),
                AuthenticationProtocols = settings.AuthenticationMethods.Select(VpnAuthenticationMethods.ToPpp).ToList(),
            },
        }, frame => call.SendFrame(frame), packet => port.DeliverToHost(packet));
        session.Opened += (_, e) => Opened(e);
        session.AuthenticationFailed += (_, e) => lastError = $"authentication failed ({e.Protocol}): {e.Reason}";
        session.Closed += (_, e) => Closed(call, e);
        lock (gate)
        {
            ppp = session;
        }

        session.Start();
    }

    public void DeliverFrame(L2tpSession call, ReadOnlySpan<byte> frame) => ppp?.Receive(frame);

    public void SessionDown(L2tpSession call, L2tpCloseReason reason)
    {
        // Some LNSs (l2tpns) refuse a password by clearing the call, without the PAP
        // Authenticate-Nak or CHAP Failure RFC 1334/1994 describe: a call the gateway clears while
        // PPP authenticates is a refused authentication, and dialling again would only repeat it.
        if (reason.Kind == L2tpCloseKind.PeerRequest && ppp?.Phase == PppPhase.Authenticate)
        {
            refusedWhileAuthenticating = true;
            lastError ??= $"authentication failed ({string.Join(", ", settings.AuthenticationMethods)}): the gateway cleared the call during PPP authentication " +
                $"({reason.Description}{(reason.Result is { } refused ? $", result {refused.Result}" : string.Empty)}); the user name or password was probably refused";
        }

        if (!disposed)
        {
            lastError ??= reason.Result is { } result
                ? $"the gateway ended the call (CDN result {result.Result}{(string.IsNullOrEmpty(result.ErrorMessage) ? string.Empty : $": {result.ErrorMessage}")})"
                : $"the call ended: {reason.Description}";
        }

        if (ppp is { } link)
        {
            link.LowerLayerDown();
        }
        else
        {
            // Refused before PPP began (CDN to our ICRQ): hang up; TunnelDown dials again later.
            audit.Write(VpnAudit.ClientFailed(server.Address.ToString(), settings.UserName, lastError ?? reason.ToString()));
            call.Tunnel.Close();
        }
    }

    public void TunnelDown(L2tpTunnel down, L2tpCloseReason reason)
    {
        bool retry;
        lock (gate)
        {
            if (!ReferenceEquals(down, tunnel))
            {
                return;
            }

            tunnel = null;
            retry = !disposed && state != "Failed";
            if (state != "Failed")
            {
                SetState(disposed ? "Disconnected" : "Connecting", $": {lastError ?? $"the L2TP tunnel went down: {reason}"}");
            }
        }

        if (retry)
        {
            retryTimer.Change(retryDelay, Timeout.InfiniteTimeSpan);
            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LastRetry.Ticks));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        retryTimer.Dispose();
        ppp?.Close(); // LCP Terminate-Request
        endpoint.Shutdown(); // StopCCN
        RemoveAddress();
        audit.Write(VpnAudit.ClientDisconnected(server.Address.ToString(), settings.UserName, "disconnected by the administrator"));
        // The tunnel is released when the peer acknowledges the StopCCN: wait for that (not a fixed
        // moment), so that a StopCCN lost on the way is retransmitted (after 1 s, RFC 2661 section
        // 5.8) while the SAs still carry it; for a gateway that is gone, GoodbyeWait at most.
        var waiting = Stopwatch.StartNew();
        while (endpoint.Tunnels.Count > 0 && waiting.Elapsed < GoodbyeWait)
        {
            Thread.Sleep(20);
        }

        endpoint.Dispose();
        socket.Dispose();
    }

    private void Opened(PppSessionOpenedEventArgs e)
    {
        lock (gate)
        {
            link = e;
            assignedAddress = e.LocalAddress; // our end of the link: what the gateway assigned
            connectedSince = time.GetUtcNow();
            retryDelay = FirstRetry;
        }

        try
        {
            host.AddAssignedAddress(e.LocalAddress, Routes(e.LocalAddress), server.Address);
        }
        catch (Exception problem) when (problem is InvalidOperationException or System.IO.IOException or Platform.Linux.Commands.ExternalCommandException)
        {
            logger.VpnHostNetworkFailed(problem.Message);
        }

        assigned = Ipv4Prefixes.Number(e.LocalAddress);
        lock (gate)
        {
            lastError = null;
            SetState("Connected", $": {e.LocalAddress} from {e.PeerAddress}");
        }

        audit.Write(VpnAudit.ClientConnected(server.Address.ToString(), settings.UserName, e.LocalAddress.ToString()));
    }

    private void Closed(L2tpSession call, PppSessionClosedEventArgs e)
    {
        var wasUp = assigned != 0;
        RemoveAddress();
        var authentication = refusedWhileAuthenticating
            || e.Reason is PppCloseReason.AuthenticationFailed or PppCloseReason.AuthenticationProtocolRefused or PppCloseReason.AuthenticationTimeout;
        lock (gate)
        {
            link = null;
            connectedSince = null;
            lastError ??= e.Detail;
            if (authentication && !disposed)
            {
                SetState("Failed", $": {lastError}");
            }
        }

        if (!disposed)
        {
            // The gateway's CDN (kept in lastError by SessionDown) says more than PPP's "lower layer down".
            var reason = lastError ?? e.Detail;
            audit.Write(wasUp
                ? VpnAudit.ClientDisconnected(server.Address.ToString(), settings.UserName, reason)
                : VpnAudit.ClientFailed(server.Address.ToString(), settings.UserName, reason));
        }

        call.Tunnel.Close(); // StopCCN; TunnelDown decides about dialling again
        ppp?.Dispose();
    }

    private void RemoveAddress()
    {
        IPAddress? address;
        lock (gate)
        {
            address = assignedAddress;
            assignedAddress = null;
            assigned = 0;
        }

        if (address is not null)
        {
            try
            {
                host.RemoveAssignedAddress(address, server.Address);
            }
            catch (Exception problem) when (problem is InvalidOperationException or System.IO.IOException or Platform.Linux.Commands.ExternalCommandException)
            {
                logger.VpnHostNetworkFailed(problem.Message);
            }
        }
    }

    /// <summary>The classful network of the assigned address (what Windows routes without "use default gateway"), then -Route's prefixes.</summary>
    private IReadOnlyList<(IPAddress Network, int PrefixLength)> Routes(IPAddress assignedTo)
    {
        var first = assignedTo.GetAddressBytes()[0];
        var classful = first < 128 ? 8 : first < 192 ? 16 : 24;
        var routes = new List<(IPAddress, int)> { (Ipv4Prefixes.Address(Ipv4Prefixes.Number(assignedTo) & (uint.MaxValue << (32 - classful))), classful) };
        routes.AddRange(settings.Routes.Select(VpnGatewayRules.ParseRoute));
        return routes.Distinct().ToList();
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(localAddress.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);

        // Until the socket is closed, not until Dispose starts: the acknowledgment of the StopCCN
        // that Dispose sends (and waits for) arrives after it started.
        while (true)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (from is IPEndPoint remote && remote.Equals(server))
            {
                endpoint.Receive(new L2tpPeerKey(0, server), buffer.AsSpan(0, length));
            }
        }
    }

    private void SetState(string next, string? detail)
    {
        state = next;
        logger.VpnClientState(server.Address.ToString(), next, detail ?? string.Empty);
    }
}
