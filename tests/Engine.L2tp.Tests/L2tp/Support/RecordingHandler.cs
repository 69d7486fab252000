using System;
using System.Collections.Generic;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.Tests.L2tp.Support;

/// <summary>
/// An <see cref="IL2tpEndpointHandler"/> that records everything: datagrams go to the network's
/// queue (never straight into the other endpoint, so nothing re-enters), frames and events into lists.
/// </summary>
public sealed class RecordingHandler : IL2tpEndpointHandler
{
    private readonly Action<L2tpPeerKey, byte[]> send;

    public RecordingHandler(Action<L2tpPeerKey, byte[]> send)
    {
        this.send = send;
    }

    public List<(L2tpSession Session, byte[] Frame)> Frames { get; } = new();

    public List<string> Events { get; } = new();

    public List<L2tpTunnel> TunnelsUp { get; } = new();

    public List<(L2tpTunnel Tunnel, L2tpCloseReason Reason)> TunnelsDown { get; } = new();

    public List<L2tpSession> SessionsUp { get; } = new();

    public List<(L2tpSession Session, L2tpCloseReason Reason)> SessionsDown { get; } = new();

    public List<(L2tpSession Session, CallErrors Errors)> CallErrorReports { get; } = new();

    public List<(L2tpSession Session, AccmValue Accm)> LinkInfo { get; } = new();

    /// <summary>Decides on each ICRQ; accepts by default.</summary>
    public Func<L2tpSession, L2tpAdmission> SessionAdmission { get; set; } = _ => L2tpAdmission.Accept;

    public Func<L2tpTunnel, L2tpAdmission> TunnelAdmission { get; set; } = _ => L2tpAdmission.Accept;

    /// <summary>Called from inside DeliverFrame, to test a handler that answers on the same thread.</summary>
    public Action<L2tpSession, byte[]>? OnFrame { get; set; }

    public void SendDatagram(L2tpPeerKey peer, ReadOnlySpan<byte> payload) => send(peer, payload.ToArray());

    public void DeliverFrame(L2tpSession session, ReadOnlySpan<byte> frame)
    {
        var copy = frame.ToArray();
        Frames.Add((session, copy));
        OnFrame?.Invoke(session, copy);
    }

    public void TunnelUp(L2tpTunnel tunnel)
    {
        TunnelsUp.Add(tunnel);
        Events.Add("tunnel up");
    }

    public void TunnelDown(L2tpTunnel tunnel, L2tpCloseReason reason)
    {
        TunnelsDown.Add((tunnel, reason));
        Events.Add("tunnel down: " + reason.Kind);
    }

    public void SessionUp(L2tpSession session)
    {
        SessionsUp.Add(session);
        Events.Add("session up");
    }

    public void SessionDown(L2tpSession session, L2tpCloseReason reason)
    {
        SessionsDown.Add((session, reason));
        Events.Add("session down: " + reason.Kind);
    }

    public L2tpAdmission AdmitTunnel(L2tpTunnel tunnel) => TunnelAdmission(tunnel);

    public L2tpAdmission AdmitSession(L2tpSession session) => SessionAdmission(session);

    public void CallErrorsReported(L2tpSession session, CallErrors errors) => CallErrorReports.Add((session, errors));

    public void LinkInfoReceived(L2tpSession session, AccmValue accm) => LinkInfo.Add((session, accm));
}
