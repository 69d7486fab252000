using System;
using System.Linq;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Tunnels;

/// <summary>A LAC and an LNS (both this code) bringing up a tunnel and a call, passing data and tearing down.</summary>
public sealed class EstablishmentTests : IDisposable
{
    private readonly TestNetwork network = new();

    [Fact]
    public void TunnelAndSessionComeUpWithTheMessageSequenceOfTheRfc()
    {
        var (lacTunnel, lacSession, lnsTunnel, lnsSession) = network.Connect();

        Assert.Equal(L2tpTunnelState.Established, lacTunnel.State);
        Assert.Equal(L2tpTunnelState.Established, lnsTunnel.State);
        Assert.Equal(L2tpSessionState.Established, lacSession.State);
        Assert.Equal(L2tpSessionState.Established, lnsSession.State);
        Assert.Equal((lacTunnel.LocalTunnelId, lnsTunnel.LocalTunnelId), (lnsTunnel.PeerTunnelId, lacTunnel.PeerTunnelId));
        Assert.Equal((lacSession.LocalSessionId, lnsSession.LocalSessionId), (lnsSession.PeerSessionId, lacSession.PeerSessionId));
        Assert.Equal("lac", lnsTunnel.PeerHostName);
        Assert.Equal("IpSecPolicy", lnsTunnel.PeerVendorName);
        Assert.Equal(L2tpFraming.Synchronous | L2tpFraming.Asynchronous, lnsTunnel.PeerFramingCapabilities);
        Assert.Equal(L2tpCallRole.Caller, lacSession.Role);
        Assert.Equal(L2tpCallRole.Answerer, lnsSession.Role);
        Assert.Equal(10_000_000u, lnsSession.Connected!.TxConnectSpeed);
        Assert.Equal(L2tpFraming.Synchronous, lnsSession.Connected.FramingType);

        // Appendix B.1 lock-step establishment, with a ZLB where nothing else carries the acknowledgment.
        var trace = network.ControlTrace().Select(entry => (entry.ToLns, entry.Type, (int)entry.Header.Ns, (int)entry.Header.Nr)).ToArray();
        Assert.Equal(new (bool, ControlMessageType?, int, int)[]
        {
            (true, ControlMessageType.Sccrq, 0, 0),
            (false, ControlMessageType.Sccrp, 0, 1),
            (true, ControlMessageType.Scccn, 1, 1),
            (true, ControlMessageType.Icrq, 2, 1),
            (false, ControlMessageType.Icrp, 1, 3),
            (true, ControlMessageType.Iccn, 3, 2),
            (false, null, 2, 4),
        }, trace);
        Assert.Equal(new[] { "tunnel up", "session up" }, network.LnsHandler.Events);
        Assert.Equal(new[] { "tunnel up", "session up" }, network.LacHandler.Events);
    }

    [Fact]
    public void SccrqHeaderAddressesTunnelZeroAndTheReplyAddressesTheAssignedIds()
    {
        var (lacTunnel, _, lnsTunnel, _) = network.Connect();
        var trace = network.ControlTrace();

        Assert.Equal(0, trace[0].Header.TunnelId);
        Assert.Equal(lacTunnel.LocalTunnelId, trace[1].Header.TunnelId);
        Assert.Equal(lnsTunnel.LocalTunnelId, trace[2].Header.TunnelId);
        Assert.NotEqual(0, lacTunnel.LocalTunnelId);
        Assert.NotEqual(0, lnsTunnel.LocalTunnelId);
    }

    [Fact]
    public void PppFramesFlowBothWays()
    {
        var (_, lacSession, _, lnsSession) = network.Connect();
        var request = Hex.Parse("ff03 c021 01 01 0004");
        var reply = Hex.Parse("ff03 c021 02 01 0004");

        Assert.True(lacSession.SendFrame(request));
        network.Pump();
        Assert.True(lnsSession.SendFrame(reply));
        network.Pump();

        var atLns = Assert.Single(network.LnsHandler.Frames);
        Assert.Same(lnsSession, atLns.Session);
        Assert.Equal(request, atLns.Frame);
        Assert.Equal(reply, Assert.Single(network.LacHandler.Frames).Frame);
        Assert.Equal((1, request.Length), (lacSession.FramesSent, (int)lacSession.BytesSent));
        Assert.Equal((1, request.Length), (lnsSession.FramesReceived, (int)lnsSession.BytesReceived));

        // Data messages: the length bit by default, no sequence numbers unless asked for.
        L2tpHeader.TryRead(network.Wire[^1].Datagram, out var data);
        Assert.False(data.IsControl);
        Assert.True(data.HasLength);
        Assert.False(data.HasSequence);
    }

    [Fact]
    public void HandlerMayAnswerAFrameFromInsideTheCallback()
    {
        var (lacSession, lnsSession) = (network.Connect().LacSession, network.Lns.Tunnels.Single().Sessions.Single());
        network.LnsHandler.OnFrame = (session, frame) => session.SendFrame(frame.Reverse().ToArray());

        lacSession.SendFrame(Hex.Parse("0102 0304"));
        network.Pump();

        Assert.Equal(Hex.Parse("0403 0201"), Assert.Single(network.LacHandler.Frames).Frame);
        Assert.Equal(1, lnsSession.FramesSent);
    }

    [Fact]
    public void InPlaceSendWritesTheHeaderIntoTheHeadRoom()
    {
        var (_, lacSession, _, _) = network.Connect();
        var buffer = new byte[64];
        Hex.Parse("ff03 0021 45").CopyTo(buffer, 20);

        Assert.True(lacSession.SendFrame(buffer, 20, 5));
        network.Pump();

        Assert.Equal(Hex.Parse("ff03 0021 45"), Assert.Single(network.LnsHandler.Frames).Frame);
        Assert.Throws<ArgumentOutOfRangeException>(() => lacSession.SendFrame(buffer, 4, 5));
    }

    [Fact]
    public void FramesBeforeTheSessionIsUpAreRefused()
    {
        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        var session = tunnel.OpenSession();

        Assert.Equal(L2tpSessionState.WaitTunnel, session.State);
        Assert.False(session.SendFrame(Hex.Parse("ff03")));
    }

    [Fact]
    public void LacClosesTheSessionWithACdn()
    {
        var (lacTunnel, lacSession, lnsTunnel, lnsSession) = network.Connect();

        lacSession.Close();
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpSessionState.Closed, lnsSession.State);
        var (_, reason) = Assert.Single(network.LnsHandler.SessionsDown);
        Assert.Equal(L2tpCloseKind.PeerRequest, reason.Kind);
        Assert.Equal((ushort)CdnResultCode.Administrative, reason.Result!.Result);
        Assert.Equal(L2tpCloseKind.LocalRequest, Assert.Single(network.LacHandler.SessionsDown).Reason.Kind);
        Assert.Empty(lnsTunnel.Sessions);
        Assert.Equal(L2tpTunnelState.Established, lacTunnel.State);
        Assert.Equal(L2tpTunnelState.Established, lnsTunnel.State);
        Assert.False(lacSession.SendFrame(Hex.Parse("ff03")));
    }

    [Fact]
    public void LnsClosesTheSessionWithACdn()
    {
        var (_, lacSession, _, lnsSession) = network.Connect();

        lnsSession.Close(L2tpResult.Cdn(CdnResultCode.GeneralError, L2tpErrorCode.None, "idle timeout"));
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpSessionState.Closed, lacSession.State);
        var reason = Assert.Single(network.LacHandler.SessionsDown).Reason;
        Assert.Equal("idle timeout", reason.Result!.ErrorMessage);
    }

    [Fact]
    public void LacStopsTheTunnelAndBothSidesReportEverythingDown()
    {
        var (lacTunnel, _, lnsTunnel, _) = network.Connect();

        lacTunnel.Close();
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpTunnelState.Closed, lacTunnel.State);
        Assert.Equal(L2tpTunnelState.Holding, lnsTunnel.State);
        Assert.Equal(new[] { "tunnel up", "session up", "session down: TunnelClosed", "tunnel down: PeerRequest" }, network.LnsHandler.Events);
        Assert.Equal(new[] { "tunnel up", "session up", "session down: TunnelClosed", "tunnel down: LocalRequest" }, network.LacHandler.Events);
        Assert.Equal((ushort)StopCcnResultCode.GeneralRequest, network.LnsHandler.TunnelsDown.Single().Reason.Result!.Result);

        // The receiver of the StopCCN keeps the tunnel for one full retransmission cycle (section 5.7).
        network.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(network.Lns.Tunnels);
        network.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(network.Lns.Tunnels);
        Assert.Empty(network.Lac.Tunnels);
    }

    [Fact]
    public void LnsStopsTheTunnel()
    {
        var (lacTunnel, lacSession, lnsTunnel, _) = network.Connect();

        lnsTunnel.Close(L2tpResult.StopCcn(StopCcnResultCode.ShuttingDown));
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpTunnelState.Closed, lnsTunnel.State);
        Assert.Equal(L2tpTunnelState.Holding, lacTunnel.State);
        Assert.Equal(L2tpSessionState.Closed, lacSession.State);
        Assert.Equal((ushort)StopCcnResultCode.ShuttingDown, network.LacHandler.TunnelsDown.Single().Reason.Result!.Result);
    }

    [Fact]
    public void StopCcnThatLosesItsAcknowledgmentIsAcknowledgedAgainDuringTheHold()
    {
        var (lacTunnel, _, lnsTunnel, _) = network.Connect();
        var dropZeroLengthBodiesToLac = true;
        network.Filter = (toLns, datagram) => !toLns && dropZeroLengthBodiesToLac && datagram.Length == 12 ? 0 : 1;

        lacTunnel.Close();
        network.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(L2tpTunnelState.Closing, lacTunnel.State);
        Assert.True(lacTunnel.ControlCounters.Retransmissions >= 1);
        Assert.True(lnsTunnel.ControlCounters.DuplicatesReceived >= 1);

        dropZeroLengthBodiesToLac = false;
        network.Advance(TimeSpan.FromSeconds(8));

        Assert.Equal(L2tpTunnelState.Closed, lacTunnel.State);
        Assert.Single(network.LnsHandler.TunnelsDown);
    }

    [Fact]
    public void BothSidesStoppingAtOnceCloseCleanly()
    {
        var (lacTunnel, _, lnsTunnel, _) = network.Connect();

        lacTunnel.Close();
        lnsTunnel.Close();
        network.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(L2tpTunnelState.Closed, lacTunnel.State);
        Assert.Equal(L2tpTunnelState.Closed, lnsTunnel.State);
        Assert.Equal(0, lacTunnel.ControlCounters.Retransmissions);
        Assert.Equal(0, lnsTunnel.ControlCounters.Retransmissions);
        Assert.Equal(L2tpCloseKind.LocalRequest, network.LacHandler.TunnelsDown.Single().Reason.Kind);
        Assert.Equal(L2tpCloseKind.LocalRequest, network.LnsHandler.TunnelsDown.Single().Reason.Kind);
    }

    [Fact]
    public void ShutdownStopsEveryTunnelWithResultSix()
    {
        network.Connect();

        network.Lns.Shutdown();
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((ushort)StopCcnResultCode.ShuttingDown, network.LacHandler.TunnelsDown.Single().Reason.Result!.Result);
        Assert.Equal(L2tpCloseKind.Shutdown, network.LnsHandler.TunnelsDown.Single().Reason.Kind);
    }

    [Fact]
    public void SessionsPlacedWhileTheTunnelComesUpStartWhenItIsUp()
    {
        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        var first = tunnel.OpenSession();
        var second = tunnel.OpenSession();

        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpSessionState.Established, first.State);
        Assert.Equal(L2tpSessionState.Established, second.State);
        Assert.Equal(2, network.Lns.Tunnels.Single().Sessions.Count);
        Assert.NotEqual(first.CallSerialNumber, second.CallSerialNumber);
    }

    [Fact]
    public void CallErrorsAndLinkInfoReachTheOtherSide()
    {
        var (_, lacSession, _, lnsSession) = network.Connect();

        lacSession.SendWanErrorNotify(new CallErrors(1, 0, 0, 0, 0, 0));
        lnsSession.SendSetLinkInfo(new AccmValue(0, 0xffffffff));
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1u, Assert.Single(network.LnsHandler.CallErrorReports).Errors.CrcErrors);
        Assert.Equal(0xffffffffu, Assert.Single(network.LacHandler.LinkInfo).Accm.ReceiveAccm);
        Assert.Equal(new AccmValue(0, 0xffffffff), lacSession.Accm);
    }

    public void Dispose() => network.Dispose();
}
