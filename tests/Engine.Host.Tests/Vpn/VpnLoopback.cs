using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using Engine.Host.Audit;
using Engine.Host.Vpn;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Operations;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests.Vpn;

/// <summary>
/// The VPN gateway in process on a fake clock, with L2TP/PPP clients (this project's L2TP and PPP
/// stacks, client role) in place of the IPsec SAs: every client has its own conversation (reqid)
/// while all of them may share one address and port, as clients behind one NAT do.
/// </summary>
internal sealed class VpnLoopback : IVpnPacketPort, IDisposable
{
    public static readonly IPEndPoint GatewayEndPoint = new(IPAddress.Parse("192.0.2.1"), 1701);
    private readonly Queue<Action> pending = new();
    private readonly string store = Path.Combine(Path.GetTempPath(), "vpn-loopback-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<int, LoopbackClient> clients = new();

    public VpnLoopback(Action<VpnGateway>? configure = null)
    {
        Directory.CreateDirectory(store);
        var settings = new VpnGateway { InterfaceAlias = "eth0", AddressRange = "10.50.0.1-10.50.0.10", AuthenticationMethods = [VpnAuthenticationMethod.MsChapV2, VpnAuthenticationMethod.Pap] };
        configure?.Invoke(settings);
        Users = new VpnUserDirectory(store, _ => { });
        Gateway = new VpnGatewayServer(settings, Users, this, Audit, NullLogger.Instance, Time);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public RecordingAudit Audit { get; } = new();

    public VpnUserDirectory Users { get; }

    public VpnGatewayServer Gateway { get; }

    public List<byte[]> ToHost { get; } = new();

    public void AddUser(string name, string password) =>
        new VpnUserStore(new PolicyStore(store)).Update(users => users.AddVpnUser(new VpnUser { Name = name }, new Secret(password), Time.GetUtcNow()));

    /// <summary>A client behind <paramref name="from"/> on conversation <paramref name="reqId"/>, dialled at once.</summary>
    public LoopbackClient Connect(int reqId, IPEndPoint from, string user, string password)
    {
        var client = new LoopbackClient(this, reqId, from, user, password);
        clients[reqId] = client;
        client.Dial();
        Pump();
        return client;
    }

    /// <summary>Delivers everything queued, and what that caused, until nothing is left.</summary>
    public void Pump()
    {
        for (var i = 0; i < 10_000 && pending.Count > 0; i++)
        {
            pending.Dequeue()();
        }
    }

    /// <summary>Moves the clock in small steps, pumping after each.</summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var passed = TimeSpan.Zero; passed < by; passed += step)
        {
            Time.Advance(step);
            Pump();
        }
    }

    public bool SendThrough(int reqId, ReadOnlySpan<byte> packet)
    {
        if (!clients.TryGetValue(reqId, out var client) || !UdpPacket.TryRead(packet, out var view))
        {
            return false;
        }

        var payload = packet.Slice(view.PayloadOffset, view.PayloadLength).ToArray();
        pending.Enqueue(() => client.Endpoint.Receive(new L2tpPeerKey(0, GatewayEndPoint), payload));
        return true;
    }

    public void DeliverToHost(ReadOnlySpan<byte> packet) => ToHost.Add(packet.ToArray());

    /// <summary>A client's datagram to the gateway, as the data plane would deliver it decrypted.</summary>
    internal void FromClient(int reqId, IPEndPoint from, ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[UdpPacket.HeaderLength(from.AddressFamily) + payload.Length];
        payload.CopyTo(buffer.AsSpan(UdpPacket.HeaderLength(from.AddressFamily)));
        var length = UdpPacket.WriteHeaders(buffer, from, GatewayEndPoint, payload.Length);
        pending.Enqueue(() => Gateway.Deliver(reqId, (uint)reqId, buffer.AsSpan(0, length)));
    }

    public void Dispose()
    {
        Gateway.Dispose();
        foreach (var client in clients.Values)
        {
            client.Endpoint.Dispose();
        }

        Directory.Delete(store, recursive: true);
    }

    /// <summary>Audit records as written.</summary>
    internal sealed class RecordingAudit : IAuditSink
    {
        public List<AuditRecord> Records { get; } = new();

        public void Write(AuditRecord record) => Records.Add(record);
    }
}
