using System;
using System.Collections.Generic;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;

namespace Engine.Host.Tests.Vpn;

/// <summary>One L2TP/PPP client of a <see cref="VpnLoopback"/>: LAC and PPP client, what it saw.</summary>
internal sealed class LoopbackClient : IL2tpEndpointHandler
{
    private readonly VpnLoopback loopback;
    private readonly int reqId;
    private readonly IPEndPoint from;
    private readonly string user;
    private readonly string password;

    public LoopbackClient(VpnLoopback loopback, int reqId, IPEndPoint from, string user, string password)
    {
        this.loopback = loopback;
        this.reqId = reqId;
        this.from = from;
        this.user = user;
        this.password = password;
        Endpoint = new L2tpEndpoint(new L2tpEndpointOptions { HostName = "client" + reqId }, this, loopback.Time);
    }

    public L2tpEndpoint Endpoint { get; }

    public PppSession? Ppp { get; private set; }

    public PppSessionOpenedEventArgs? Opened { get; private set; }

    public PppSessionClosedEventArgs? Closed { get; private set; }

    public List<L2tpCloseReason> CallsDown { get; } = new();

    public List<byte[]> Received { get; } = new();

    public void Dial() => Endpoint.OpenTunnel(new L2tpPeerKey(0, VpnLoopback.GatewayEndPoint)).OpenSession();

    public void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload) => loopback.FromClient(reqId, from, payload);

    public void DeliverFrame(L2tpSession session, ReadOnlySpan<byte> frame) => Ppp?.Receive(frame);

    public void SessionUp(L2tpSession session)
    {
        Ppp = new PppSession(new PppSessionOptions
        {
            Role = PppRole.Client,
            TimeProvider = loopback.Time,
            Client = new PppClientSettings { UserName = user, Password = PppPassword.FromString(password) },
        }, frame => session.SendFrame(frame), packet => Received.Add(packet.ToArray()));
        Ppp.Opened += (_, e) => Opened = e;
        Ppp.Closed += (_, e) => Closed = e;
        Ppp.Start();
    }

    public void SessionDown(L2tpSession session, L2tpCloseReason reason)
    {
        CallsDown.Add(reason);
        Ppp?.LowerLayerDown();
    }
}
