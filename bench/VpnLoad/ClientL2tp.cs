using System;
using System.Net;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.L2tp.L2tp;
using Engine.L2tp.Ppp;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// The clients' L2TP (LAC) and PPP: one L2TP endpoint for all of them, keyed like the gateway's by
/// the SA a datagram came through (the client's reqid) and the gateway's address and port. L2TP
/// datagrams come decrypted from the data plane (<see cref="Deliver"/>) and go back through the
/// client's SA (<see cref="IpsecDataPlane.SendThrough"/>) with the client's address and port 1701.
/// </summary>
internal sealed class ClientL2tp : IL2tpEndpointHandler, IDecryptedPacketSink, IDisposable
{
    public const ushort Port = 1701;
    private const int MaximumDatagram = 2048;
    private readonly IpsecDataPlane dataPlane;
    private readonly uint gateway;
    private readonly IPEndPoint gatewayL2tp;
    private readonly Func<int, LoadSession?> byReqId;
    private readonly PppSessionOptions pppOptions;
    private readonly L2tpEndpoint endpoint;
    private long sendsRefused;
    private long strayDatagrams;

    public ClientL2tp(IpsecDataPlane dataPlane, IPAddress gateway, Func<int, LoadSession?> byReqId, PppSessionOptions pppOptions)
    {
        this.dataPlane = dataPlane;
        this.gateway = Ipv4Packets.Number(gateway);
        gatewayL2tp = new IPEndPoint(gateway, Port);
        this.byReqId = byReqId;
        this.pppOptions = pppOptions;
        endpoint = new L2tpEndpoint(new L2tpEndpointOptions { HostName = "vpnload", MaximumTunnels = ushort.MaxValue }, this, TimeProvider.System);
    }

    /// <summary>L2TP datagrams the data plane could not send (no outbound SA, or the seal failed).</summary>
    public long SendsRefused => Interlocked.Read(ref sendsRefused);

    /// <summary>Decrypted packets that were not L2TP from the gateway.</summary>
    public long StrayDatagrams => Interlocked.Read(ref strayDatagrams);

    public L2tpEndpointCounters Counters => endpoint.Counters;

    /// <summary>The client's SA is up: SCCRQ and ICRQ go out now, PPP starts when the call is connected.</summary>
    public void Open(LoadSession session)
    {
        try
        {
            endpoint.OpenTunnel(new L2tpPeerKey((ulong)session.ReqId, gatewayL2tp)).OpenSession();
        }
        catch (InvalidOperationException problem)
        {
            session.End($"L2TP: {problem.Message}");
        }
    }

    public void Deliver(SecurityAssociation sa, ReadOnlySpan<byte> packet)
    {
        if (!Ipv4Packets.TryReadUdp(packet, out var sourcePort, out var destinationPort, out var offset, out var length) || sourcePort != Port || destinationPort != Port)
        {
            Interlocked.Increment(ref strayDatagrams);
            return;
        }

        endpoint.Receive(new L2tpPeerKey((ulong)sa.ReqId, gatewayL2tp), packet.Slice(offset, length));
    }

    public void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload)
    {
        var session = byReqId((int)peer.SecurityAssociationId);
        if (session is null || payload.Length > MaximumDatagram)
        {
            Interlocked.Increment(ref sendsRefused);
            return;
        }

        Span<byte> packet = stackalloc byte[Ipv4Packets.HeaderLength + Ipv4Packets.UdpHeaderLength + payload.Length];
        var written = Ipv4Packets.WriteUdp(packet, session.AddressNumber, Port, gateway, Port, payload);
        try
        {
            if (!dataPlane.SendThrough(session.ReqId, packet[..written]))
            {
                Interlocked.Increment(ref sendsRefused);
            }
        }
        catch (ObjectDisposedException)
        {
            // The run is over: a PPP or L2TP timer fired after the data plane closed.
        }
    }

    public void SessionUp(L2tpSession call)
    {
        var session = byReqId((int)call.Peer.SecurityAssociationId);
        if (session is null)
        {
            call.Close();
            return;
        }

        session.L2tpCallUp();
        var ppp = new PppSession(pppOptions, frame => call.SendFrame(frame), static _ => { });
        ppp.Opened += (_, e) => session.PppOpened(e.LocalAddress);
        ppp.Closed += (_, e) => session.End($"PPP closed: {e.Reason}");
        session.Ppp = ppp;
        ppp.Start();
    }

    public void DeliverFrame(L2tpSession call, ReadOnlySpan<byte> frame) => byReqId((int)call.Peer.SecurityAssociationId)?.Ppp?.Receive(frame);

    public void SessionDown(L2tpSession call, L2tpCloseReason reason)
    {
        var session = byReqId((int)call.Peer.SecurityAssociationId);
        session?.End($"L2TP call down: {reason.Kind}");
        session?.Ppp?.LowerLayerDown();
    }

    public void TunnelDown(L2tpTunnel tunnel, L2tpCloseReason reason) =>
        byReqId((int)tunnel.Peer.SecurityAssociationId)?.End($"L2TP tunnel down: {reason.Kind}");

    public void Dispose() => endpoint.Dispose();
}
