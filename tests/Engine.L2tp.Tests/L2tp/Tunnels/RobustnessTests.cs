using System;
using System.Collections.Generic;
using System.Linq;
using Engine.L2tp.L2tp;
using Engine.L2tp.L2tp.Encoding;
using Engine.L2tp.L2tp.Messages;
using Engine.L2tp.Tests.L2tp.Support;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Tunnels;

/// <summary>Loss, duplication and reordering on the wire, keepalives, and an unreachable peer.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TestNetwork network = new();

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 20));

    [Fact]
    public void LostSccrpIsRecoveredByRetransmission()
    {
        var dropped = 0;
        network.Filter = (toLns, datagram) => !toLns && dropped++ == 0 ? 0 : 1;

        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        tunnel.OpenSession();
        network.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(L2tpTunnelState.Established, tunnel.State);
        Assert.Equal(L2tpSessionState.Established, tunnel.Sessions.Single().State);
        Assert.True(network.Lns.Tunnels.Single().ControlCounters.Retransmissions >= 1);
    }

    [Fact]
    public void DuplicatedSccrqDoesNotCreateASecondTunnel()
    {
        network.Filter = (toLns, _) => toLns ? 2 : 1;

        network.Connect();
        network.Advance(TimeSpan.FromSeconds(2));

        Assert.Single(network.Lns.Tunnels);
        Assert.Equal(L2tpTunnelState.Established, network.Lns.Tunnels.Single().State);
        Assert.True(network.Lns.Tunnels.Single().ControlCounters.DuplicatesReceived >= 1);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EstablishmentSurvivesRandomLossDuplicationAndReordering(int seed)
    {
        var random = new Random(seed);
        var held = new List<(bool ToLns, byte[] Datagram)>();
        network.Filter = (toLns, datagram) =>
        {
            var roll = random.NextDouble();
            if (roll < 0.2)
            {
                return 0;
            }

            if (roll < 0.3)
            {
                return 2;
            }

            if (roll < 0.4)
            {
                // Deliver it later, after whatever follows: reordering.
                held.Add((toLns, datagram));
                return 0;
            }

            return 1;
        };

        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        var session = tunnel.OpenSession();
        bool BothUp() => session.State == L2tpSessionState.Established
            && network.Lns.Tunnels.SelectMany(candidate => candidate.Sessions).Any(candidate => candidate.State == L2tpSessionState.Established);
        for (var step = 0; step < 400 && !BothUp(); step++)
        {
            network.Advance(TimeSpan.FromMilliseconds(100));
            foreach (var (toLns, datagram) in held.ToArray())
            {
                held.Remove((toLns, datagram));
                if (toLns)
                {
                    network.Lns.Receive(network.LacKey, datagram);
                }
                else
                {
                    network.Lac.Receive(network.LnsKey, datagram);
                }
            }
        }

        Assert.Equal(L2tpSessionState.Established, session.State);
        var lnsSession = network.Lns.Tunnels.Single().Sessions.Single();
        Assert.Equal(L2tpSessionState.Established, lnsSession.State);
        Assert.Single(network.LnsHandler.SessionsUp);
        Assert.Single(network.LnsHandler.TunnelsUp);
    }

    [Fact]
    public void HelloGoesOutAfterSixtySecondsOfSilenceAndKeepsTheTunnel()
    {
        network.Connect();
        network.Advance(TimeSpan.FromSeconds(58));
        Assert.DoesNotContain(network.ControlTrace(), entry => entry.Type == ControlMessageType.Hello);

        network.Advance(TimeSpan.FromSeconds(4));

        var hellos = network.ControlTrace().Where(entry => entry.Type == ControlMessageType.Hello).ToArray();
        Assert.NotEmpty(hellos);
        Assert.Equal(L2tpTunnelState.Established, network.Lns.Tunnels.Single().State);
        Assert.Empty(network.LnsHandler.TunnelsDown);
    }

    [Fact]
    public void DataTrafficPostponesTheHello()
    {
        var (_, lacSession, _, lnsSession) = network.Connect();
        for (var i = 0; i < 6; i++)
        {
            network.Advance(TimeSpan.FromSeconds(15));
            lacSession.SendFrame(Hex.Parse("ff03"));
            lnsSession.SendFrame(Hex.Parse("ff03"));
        }

        Assert.DoesNotContain(network.ControlTrace(), entry => entry.Type == ControlMessageType.Hello);
    }

    [Fact]
    public void VanishedPeerIsDetectedByHelloRetransmissionsAndEverythingGoesDown()
    {
        network.Connect();
        network.Filter = (toLns, _) => toLns ? 0 : 1;

        network.Advance(TimeSpan.FromSeconds(60 + 47 + 1));

        var (_, reason) = Assert.Single(network.LnsHandler.TunnelsDown);
        Assert.Equal(L2tpCloseKind.PeerUnreachable, reason.Kind);
        Assert.Equal(L2tpCloseKind.TunnelClosed, Assert.Single(network.LnsHandler.SessionsDown).Reason.Kind);
        Assert.Empty(network.Lns.Tunnels);
    }

    [Fact]
    public void PeerThatNeverAnswersTheSccrqIsGivenUp()
    {
        network.Filter = (_, _) => 0;
        var tunnel = network.Lac.OpenTunnel(network.LnsKey);
        var session = tunnel.OpenSession();

        network.Advance(TimeSpan.FromSeconds(48));

        Assert.Equal(L2tpTunnelState.Closed, tunnel.State);
        Assert.Equal(L2tpCloseKind.PeerUnreachable, network.LacHandler.TunnelsDown.Single().Reason.Kind);
        Assert.Equal(L2tpSessionState.Closed, session.State);
    }

    [Fact]
    public void SequencedDataCarriesNsAndLateFramesAreDropped()
    {
        network.Dispose();
        using var sequenced = new TestNetwork(lacOptions: new L2tpEndpointOptions
        {
            HostName = "lac",
            Random = SeededRandom.Create(1),
            RequireDataSequencing = true,
        });
        var (_, lacSession, _, lnsSession) = sequenced.Connect();
        Assert.True(lnsSession.PeerRequiresSequencing);

        var held = new List<byte[]>();
        sequenced.Filter = (toLns, datagram) =>
        {
            if (toLns && held.Count == 0)
            {
                held.Add(datagram);
                return 0;
            }

            return 1;
        };
        lacSession.SendFrame(Hex.Parse("ff03 01"));
        lacSession.SendFrame(Hex.Parse("ff03 02"));
        sequenced.Pump();
        sequenced.Lns.Receive(sequenced.LacKey, held[0]);

        Assert.Equal(Hex.Parse("ff03 02"), Assert.Single(sequenced.LnsHandler.Frames).Frame);
        Assert.Equal(1, lnsSession.OutOfOrderDropped);

        // The LNS numbers its data too, since the LAC required it.
        lnsSession.SendFrame(Hex.Parse("ff03 03"));
        L2tpHeader.TryRead(sequenced.Wire[^1].Datagram, out var header);
        Assert.True(header.HasSequence);
        Assert.Equal(0, header.Ns);
    }

    [Fact]
    public void PeerThatNumbersItsDataIsAnsweredWithNumberedData()
    {
        var (_, _, lnsTunnel, lnsSession) = network.Connect();
        var datagram = new byte[16];
        L2tpHeader.WriteData(datagram, lnsTunnel.LocalTunnelId, lnsSession.LocalSessionId, 4, includeLength: false, sequenced: true, ns: 9);

        network.Lns.Receive(network.LacKey, datagram.AsSpan(0, 14));
        lnsSession.SendFrame(Hex.Parse("ff03"));

        L2tpHeader.TryRead(network.Wire[^1].Datagram, out var header);
        Assert.True(header.HasSequence);
    }

    [Fact]
    public void UnknownMandatoryAvpInACallMessageClearsOnlyThatCall()
    {
        var (lacTunnel, lacSession, lnsTunnel, lnsSession) = network.Connect();

        // An SLI for the established call with an unknown mandatory vendor AVP after the ACCM.
        var body = Hex.Parse("8008 0000 0000 0010" + "8010 0000 0023 0000 ffffffff 00000000" + "8007 0009 0001 ff");
        lacTunnel.Channel.Send(body, lnsTunnel.LocalTunnelId, lnsSession.LocalSessionId);
        network.Advance(TimeSpan.FromSeconds(1));

        var (_, reason) = Assert.Single(network.LnsHandler.SessionsDown);
        Assert.Equal(L2tpCloseKind.ProtocolError, reason.Kind);
        Assert.Equal((ushort)L2tpErrorCode.UnknownMandatoryAvp, reason.Result!.Error);
        Assert.Equal(L2tpSessionState.Closed, lacSession.State);
        Assert.Equal((ushort)L2tpErrorCode.UnknownMandatoryAvp, network.LacHandler.SessionsDown.Single().Reason.Result!.Error);
        Assert.Equal(L2tpTunnelState.Established, lnsTunnel.State);
    }

    [Fact]
    public void UnknownMandatoryAvpInATunnelMessageClearsTheTunnel()
    {
        var (lacTunnel, _, lnsTunnel, _) = network.Connect();

        lacTunnel.Channel.Send(Hex.Parse("8008 0000 0000 0006 8008 0000 0063 0000"), lnsTunnel.LocalTunnelId, 0);
        network.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(L2tpCloseKind.ProtocolError, network.LnsHandler.TunnelsDown.Single().Reason.Kind);
        var atLac = network.LacHandler.TunnelsDown.Single().Reason;
        Assert.Equal(L2tpCloseKind.PeerRequest, atLac.Kind);
        Assert.Equal((ushort)L2tpErrorCode.UnknownMandatoryAvp, atLac.Result!.Error);
    }

    [Fact]
    public void OutgoingCallRequestIsRefusedWithACdn()
    {
        var (lacTunnel, _, lnsTunnel, _) = network.Connect();
        var ocrq = new Ocrq
        {
            AssignedSessionId = 77, CallSerialNumber = 1, MinimumBps = 1, MaximumBps = 2,
            BearerType = L2tpBearer.Digital, FramingType = L2tpFraming.Synchronous, CalledNumber = "1",
        };

        lacTunnel.Channel.Send(ocrq.Encode(), lnsTunnel.LocalTunnelId, 0);
        network.Advance(TimeSpan.FromSeconds(1));

        var cdn = network.Wire.Where(entry => !entry.ToLns).Select(entry => entry.Datagram)
            .Where(datagram => datagram.Length > 12 && datagram[19] == (byte)ControlMessageType.Cdn).Single();
        L2tpHeader.TryRead(cdn, out var header);
        Assert.Equal(77, header.SessionId);
        Assert.Equal((ushort)CdnResultCode.PermanentLackOfFacilities, ((Cdn)ControlMessage.Decode(header.Payload(cdn), default)!).ResultCode.Result);
    }

    public void Dispose() => network.Dispose();
}
