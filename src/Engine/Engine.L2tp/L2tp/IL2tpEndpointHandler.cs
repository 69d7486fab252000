using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp;

/// <summary>
/// What an <see cref="L2tpEndpoint"/> calls: the gateway (or client) above it. Every call is
/// made under the endpoint's lock, on the thread that fed the datagram or fired the timer; a
/// handler may call back into the endpoint on that thread (the lock is reentrant: for instance
/// PPP answering a frame from inside <see cref="DeliverFrame"/>), but must not block waiting for
/// another thread that uses the endpoint.
/// </summary>
public interface IL2tpEndpointHandler
{
    /// <summary>
    /// Sends one UDP payload (an L2TP message) to the peer, through the IPsec SA the key names.
    /// It must not feed anything back into <see cref="L2tpEndpoint.Receive"/> on this thread (a
    /// loopback test queues instead): the endpoint is in the middle of processing.
    /// </summary>
    void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload);

    /// <summary>A session's PPP frame: the payload after the L2TP header (starting with the address and control octets if the peer sends them).</summary>
    void DeliverFrame(L2tpSession session, ReadOnlySpan<byte> frame);

    void TunnelUp(L2tpTunnel tunnel)
    {
    }

    void TunnelDown(L2tpTunnel tunnel, L2tpCloseReason reason)
    {
    }

    void SessionUp(L2tpSession session)
    {
    }

    void SessionDown(L2tpSession session, L2tpCloseReason reason)
    {
    }

    /// <summary>A peer's SCCRQ passed validation: accept the tunnel, or refuse it with a StopCCN result.</summary>
    L2tpAdmission AdmitTunnel(L2tpTunnel tunnel) => L2tpAdmission.Accept;

    /// <summary>A peer's ICRQ passed validation: accept the call, or refuse it with a CDN result.</summary>
    L2tpAdmission AdmitSession(L2tpSession session) => L2tpAdmission.Accept;

    /// <summary>The LAC reported line errors (WAN-Error-Notify).</summary>
    void CallErrorsReported(L2tpSession session, CallErrors errors)
    {
    }

    /// <summary>The LNS sent the ACCM PPP negotiated (Set-Link-Info).</summary>
    void LinkInfoReceived(L2tpSession session, AccmValue accm)
    {
    }
}
