using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Messages;
using Engine.L2tp.Tests.L2tp.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Tunnels;

/// <summary>
/// The tunnel registry: keyed by the IPsec SA and the client's address and port, so that clients
/// behind one NAT each get a tunnel; peers bound to their tunnels; admission; tunnel authentication.
/// </summary>
public sealed class RegistryTests
{
    private static readonly IPEndPoint NatAddress = new(IPAddress.Parse("203.0.113.5"), 1701);

    [Fact]
    public void ThreeClientsBehindOneNatOnPort1701GetThreeTunnels()
    {
        var time = new FakeTimeProvider();
        var queue = new Queue<(L2tpEndpoint To, L2tpPeerKey From, byte[] Datagram)>();
        var clients = new List<(L2tpEndpoint Endpoint, L2tpPeerKey AsSeenByGateway)>();
        L2tpEndpoint? gateway = null;
        var gatewayHandler = new RecordingHandler((peer, datagram) =>
        {
            var client = clients.Single(candidate => candidate.AsSeenByGateway == peer);
            queue.Enqueue((client.Endpoint, new L2tpPeerKey(peer.SecurityAssociationId, TestNetwork.LnsEndPoint), datagram));
        });
        gateway = new L2tpEndpoint(TestNetwork.Options("gateway", 10), gatewayHandler, time);

        for (var i = 0; i < 3; i++)
        {
            // Every client's L2TP arrives from the NAT's address and port 1701, each through its own SA.
            var asSeen = new L2tpPeerKey((ulong)(100 + i), NatAddress);
            var handler = new RecordingHandler((_, datagram) => queue.Enqueue((gateway, asSeen, datagram)));
            clients.Add((new L2tpEndpoint(TestNetwork.Options("client" + i, 20 + i), handler, time), asSeen));
        }

        var sessions = clients.Select(client =>
            client.Endpoint.OpenTunnel(new L2tpPeerKey(client.AsSeenByGateway.SecurityAssociationId, TestNetwork.LnsEndPoint)).OpenSession()).ToArray();
        for (var step = 0; step < 20; step++)
        {
            while (queue.Count > 0)
            {
                var (to, from, datagram) = queue.Dequeue();
                to.Receive(from, datagram);
            }

            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.All(sessions, session => Assert.Equal(L2tpSessionState.Established, session.State));
        Assert.Equal(3, gateway.Tunnels.Count);
        Assert.Equal(3, gateway.Tunnels.Select(tunnel => tunnel.Peer).Distinct().Count());
        Assert.Equal(3, gatewayHandler.SessionsUp.Count);

        // Each client's frames reach the gateway session of its own SA.
        for (var i = 0; i < 3; i++)
        {
            sessions[i].SendFrame([(byte)i]);
        }

        while (queue.Count > 0)
        {
            var (to, from, datagram) = queue.Dequeue();
            to.Receive(from, datagram);
        }

        Assert.All(gatewayHandler.Frames, frame => Assert.Equal(100UL + frame.Frame[0], frame.Session.Peer.SecurityAssociationId));
        gateway.Dispose();
    }

    [Fact]
    public void DatagramForATunnelFromAnotherSaOrPortIsDropped()
    {
        using var network = new TestNetwork();
        var (_, _, lnsTunnel, lnsSession) = network.Connect();
        var datagram = new byte[8];
        L2tpHeader.WriteData(datagram, lnsTunnel.LocalTunnelId, lnsSession.LocalSessionId, 2, includeLength: false, sequenced: false, ns: 0);

        network.Lns.Receive(network.LacKey with { SecurityAssociationId = 43 }, datagram);
        network.Lns.Receive(network.LacKey with { Remote = new IPEndPoint(TestNetwork.LacEndPoint.Address, 1702) }, datagram);

        Assert.Equal(2, network.Lns.Counters.WrongPeer);
        Assert.Empty(network.LnsHandler.Frames);

        network.Lns.Receive(network.LacKey, datagram);
        Assert.Single(network.LnsHandler.Frames);
    }

    [Fact]
    public void RebindingMovesTheTunnelsToTheNewKey()
    {
        using var network = new TestNetwork();
        var (_, _, lnsTunnel, lnsSession) = network.Connect();
        var rekeyed = network.LacKey with { SecurityAssociationId = 99 };
        var datagram = new byte[8];
        L2tpHeader.WriteData(datagram, lnsTunnel.LocalTunnelId, lnsSession.LocalSessionId, 2, includeLength: false, sequenced: false, ns: 0);

        network.Lns.RebindPeer(network.LacKey, rekeyed);
        network.Lns.Receive(rekeyed, datagram);
        network.Lns.Receive(network.LacKey, datagram);

        Assert.Single(network.LnsHandler.Frames);
        Assert.Equal(rekeyed, lnsTunnel.Peer);
        Assert.Equal(1, network.Lns.Counters.WrongPeer);
    }

    [Fact]
    public void DatagramsThatCannotBeAttributedAreCountedAndDropped()
    {
        using var network = new TestNetwork();
        network.Connect();

        network.Lns.Receive(network.LacKey, Hex.Parse("c802 000c 0bad 0000 0000 0000"));
        network.Lns.Receive(network.LacKey, Hex.Parse("0002 0bad 0001 ff03"));
        network.Lns.Receive(network.LacKey, Hex.Parse("c802 0014 0000 0000 0000 0000 8008 0000 0000 0006"));
        network.Lns.Receive(network.LacKey, Hex.Parse("c803"));
        network.Lns.Receive(network.LacKey, Hex.Parse("c802 0040"));

        Assert.Equal(3, network.Lns.Counters.UnknownTunnel);
        Assert.Equal(1, network.Lns.Counters.Malformed);
        Assert.Equal(1, network.Lns.Counters.Truncated);
        Assert.Single(network.Lns.Tunnels);
    }

    [Fact]
    public void MalformedSccrqIsAnsweredWithAStopCcnNamingTheMissingAvp()
    {
        using var network = new TestNetwork();
        var attributes = new Sccrq { HostName = "x", FramingCapabilities = L2tpFraming.Synchronous, AssignedTunnelId = 0x0777 }.ToAttributes();
        attributes.HostName = null;
        var body = ControlAttributesCodec.Encode(attributes);
        var datagram = new byte[12 + body.Length];
        L2tpHeader.WriteControl(datagram, datagram.Length, 0, 0, 0, 0);
        body.CopyTo(datagram, 12);

        network.Lns.Receive(network.LacKey, datagram);
        var reply = network.Wire.Single(entry => !entry.ToLns).Datagram;

        L2tpHeader.TryRead(reply, out var header);
        Assert.Equal(0x0777, header.TunnelId);
        var stopCcn = Assert.IsType<StopCcn>(ControlMessage.Decode(header.Payload(reply), default));
        Assert.Equal((ushort)StopCcnResultCode.GeneralError, stopCcn.ResultCode.Result);
        Assert.Equal((ushort)L2tpErrorCode.VendorSpecific, stopCcn.ResultCode.Error);
        Assert.Contains("Host Name", stopCcn.ResultCode.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(L2tpCloseKind.ProtocolError, network.LnsHandler.TunnelsDown.Single().Reason.Kind);
        Assert.Empty(network.LnsHandler.TunnelsUp);

        // Its retransmission reaches the same tunnel, which acknowledges it again instead of answering twice.
        network.Lns.Receive(network.LacKey, datagram);
        Assert.Single(network.Lns.Tunnels);
        Assert.Single(network.LnsHandler.TunnelsDown);
        Assert.True(network.Wire.Last().Datagram.Length == 12);
    }

    [Fact]
    public void RefusedCallIsAnsweredWithTheAdmissionsCdnResult()
    {
        using var network = new TestNetwork();
        network.LnsHandler.SessionAdmission = _ => L2tpAdmission.Refuse(L2tpResult.Cdn(CdnResultCode.TemporaryLackOfFacilities, L2tpErrorCode.None, "MaxSessions reached"));

        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        var session = tunnel.OpenSession();
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpSessionState.Closed, session.State);
        var reason = network.LacHandler.SessionsDown.Single().Reason;
        Assert.Equal((ushort)CdnResultCode.TemporaryLackOfFacilities, reason.Result!.Result);
        Assert.Equal("MaxSessions reached", reason.Result.ErrorMessage);
        Assert.Equal(L2tpCloseKind.AdmissionRefused, network.LnsHandler.SessionsDown.Single().Reason.Kind);
        Assert.Equal(L2tpTunnelState.Established, tunnel.State);
    }

    [Fact]
    public void RefusedTunnelIsAnsweredWithAStopCcn()
    {
        using var network = new TestNetwork();
        network.LnsHandler.TunnelAdmission = _ => L2tpAdmission.Refuse(L2tpResult.StopCcn(StopCcnResultCode.NotAuthorized));

        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((ushort)StopCcnResultCode.NotAuthorized, network.LacHandler.TunnelsDown.Single().Reason.Result!.Result);
        Assert.Equal(L2tpTunnelState.Holding, tunnel.State);
    }

    [Fact]
    public void TunnelsBeyondTheMaximumAreRefusedForLackOfResources()
    {
        using var network = new TestNetwork(lnsOptions: new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), MaximumTunnels = 1 });
        network.Lac.OpenTunnel(network.LnsKey);
        network.Advance(TimeSpan.FromSeconds(1));

        network.Lac.OpenTunnel(network.LnsKey);
        network.Advance(TimeSpan.FromSeconds(1));

        var refusal = network.LacHandler.TunnelsDown.Single().Reason.Result!;
        Assert.Equal((StopCcnResultCode.GeneralError, L2tpErrorCode.InsufficientResources), ((StopCcnResultCode)refusal.Result, (L2tpErrorCode)refusal.Error!));
    }

    [Fact]
    public void MutualTunnelAuthenticationSucceedsWithTheSameSecret()
    {
        var secret = "tunnel secret"u8.ToArray();
        using var network = new TestNetwork(
            new L2tpEndpointOptions { HostName = "lac", Random = SeededRandom.Create(1), TunnelSecret = secret, ChallengePeer = true },
            new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), TunnelSecret = secret, ChallengePeer = true });

        var (lacTunnel, _, lnsTunnel, _) = network.Connect();

        Assert.True(lacTunnel.PeerAuthenticated);
        Assert.True(lnsTunnel.PeerAuthenticated);
        var sccrp = network.Wire.First(entry => !entry.ToLns).Datagram;
        L2tpHeader.TryRead(sccrp, out var header);
        var attributes = ControlAttributesCodec.Decode(header.Payload(sccrp), secret);
        Assert.NotNull(attributes.Challenge);
        Assert.NotNull(attributes.ChallengeResponse);
    }

    [Fact]
    public void WrongSecretFailsTunnelAuthenticationAtTheLns()
    {
        using var network = new TestNetwork(
            new L2tpEndpointOptions { HostName = "lac", Random = SeededRandom.Create(1), TunnelSecret = "wrong"u8.ToArray() },
            new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), TunnelSecret = "right"u8.ToArray(), ChallengePeer = true });

        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpCloseKind.AuthenticationFailed, network.LnsHandler.TunnelsDown.Single().Reason.Kind);
        Assert.Empty(network.LnsHandler.TunnelsUp);
        Assert.Equal((ushort)StopCcnResultCode.NotAuthorized, network.LacHandler.TunnelsDown.Single().Reason.Result!.Result);
        Assert.NotEqual(L2tpTunnelState.Established, tunnel.State);
    }

    [Fact]
    public void WrongSecretFailsTunnelAuthenticationAtTheLac()
    {
        using var network = new TestNetwork(
            new L2tpEndpointOptions { HostName = "lac", Random = SeededRandom.Create(1), TunnelSecret = "right"u8.ToArray(), ChallengePeer = true },
            new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), TunnelSecret = "wrong"u8.ToArray() });

        network.Lac.OpenTunnel(network.LnsKey);
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpCloseKind.AuthenticationFailed, network.LacHandler.TunnelsDown.Single().Reason.Kind);
        Assert.Equal(L2tpCloseKind.PeerRequest, network.LnsHandler.TunnelsDown.Single().Reason.Kind);
    }

    [Fact]
    public void ChallengeToASideWithoutASecretIsRefused()
    {
        using var network = new TestNetwork(
            new L2tpEndpointOptions { HostName = "lac", Random = SeededRandom.Create(1), TunnelSecret = "s"u8.ToArray(), ChallengePeer = true });

        network.Lac.OpenTunnel(network.LnsKey);
        network.Advance(TimeSpan.FromSeconds(1));

        var reason = network.LnsHandler.TunnelsDown.Single().Reason;
        Assert.Equal(L2tpCloseKind.AuthenticationFailed, reason.Kind);
        Assert.Equal((ushort)L2tpErrorCode.VendorSpecific, reason.Result!.Error);
    }

    [Fact]
    public void HiddenAvpsCrossTheWireAndDecodeWithTheSharedSecret()
    {
        var secret = "hide me"u8.ToArray();
        var hidden = new HashSet<AvpType> { AvpType.AssignedTunnelId, AvpType.AssignedSessionId, AvpType.CallSerialNumber, AvpType.FramingType, AvpType.TxConnectSpeed };
        using var network = new TestNetwork(
            new L2tpEndpointOptions { HostName = "lac", Random = SeededRandom.Create(1), TunnelSecret = secret, HiddenAvpTypes = hidden },
            new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), TunnelSecret = secret, HiddenAvpTypes = hidden });

        var (_, lacSession, _, lnsSession) = network.Connect();

        Assert.Equal(L2tpSessionState.Established, lnsSession.State);
        Assert.Equal(lacSession.CallSerialNumber, lnsSession.CallSerialNumber);
        var icrq = network.Wire.Select(entry => entry.Datagram).First(datagram => datagram.Length > 12 && datagram[19] == (byte)ControlMessageType.Icrq);
        L2tpHeader.TryRead(icrq, out var header);
        var attributes = ControlAttributesCodec.Decode(header.Payload(icrq), secret);
        Assert.Contains(AvpType.AssignedSessionId, attributes.HiddenOnReceipt);
        Assert.NotNull(attributes.RandomVector);
    }

    [Fact]
    public void SimultaneousOpensWithTieBreakersLeaveOneTunnel()
    {
        using var network = new TestNetwork(
            new L2tpEndpointOptions { HostName = "lac", Random = SeededRandom.Create(1), SendTieBreaker = true },
            new L2tpEndpointOptions { HostName = "lns", Random = SeededRandom.Create(2), SendTieBreaker = true });

        var fromLac = network.Lac.OpenTunnel(network.LnsKey);
        var fromLns = network.Lns.OpenTunnel(network.LacKey);
        network.Advance(TimeSpan.FromSeconds(2));

        var winner = fromLac.TieBreaker < fromLns.TieBreaker ? fromLac : fromLns;
        var loser = ReferenceEquals(winner, fromLac) ? fromLns : fromLac;
        Assert.Equal(L2tpTunnelState.Established, winner.State);
        Assert.Equal(L2tpTunnelState.Closed, loser.State);
        Assert.Single(network.Lac.Tunnels);
        Assert.Single(network.Lns.Tunnels);
        var loserHandler = ReferenceEquals(loser, fromLac) ? network.LacHandler : network.LnsHandler;
        Assert.Equal(L2tpCloseKind.TieBreakerLost, loserHandler.TunnelsDown.Single().Reason.Kind);
    }

    [Fact]
    public void SessionsAreFoundByTunnelAndSessionId()
    {
        using var network = new TestNetwork();
        var (_, _, lnsTunnel, lnsSession) = network.Connect();

        Assert.Same(lnsSession, network.Lns.FindSession(lnsTunnel.LocalTunnelId, lnsSession.LocalSessionId));
        Assert.Null(network.Lns.FindSession(lnsTunnel.LocalTunnelId, (ushort)(lnsSession.LocalSessionId + 1)));
        Assert.Same(lnsTunnel, network.Lns.FindTunnel(lnsTunnel.LocalTunnelId));
    }

    [Fact]
    public void TunnelIdsAreNonZeroAndUnique()
    {
        using var network = new TestNetwork();
        var ids = Enumerable.Range(0, 200).Select(_ => network.Lac.OpenTunnel(network.LnsKey).LocalTunnelId).ToArray();

        Assert.DoesNotContain((ushort)0, ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
