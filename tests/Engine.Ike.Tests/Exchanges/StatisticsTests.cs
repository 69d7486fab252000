using System.Net;
using System.Net.Sockets;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Network;
using Engine.Ike.Statistics;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

/// <summary>
/// The IP Security Monitor's main mode statistics (IkeEngine.GetStatistics), counted where the
/// events happen, between two engines on the in-memory network.
/// </summary>
public sealed class StatisticsTests
{
    private static readonly IkeEngineOptions NoDpd = new() { DeadPeerDetection = new DeadPeerDetectionSettings { Enabled = false } };

    [Fact]
    public void A_successful_negotiation_is_one_acquire_here_and_two_receives_there()
    {
        var peers = new TwoPeers();

        peers.Initiate();

        var initiator = peers.Initiator.Engine.GetStatistics();
        var responder = peers.Responder.Engine.GetStatistics();
        Assert.Equal(new IkeStatistics { TotalAcquire = 1, MainModeSas = 1, QuickModeSas = 1 }, initiator);
        Assert.Equal(new IkeStatistics { TotalReceive = 2, MainModeSas = 1, QuickModeSas = 1 }, responder);
    }

    [Fact]
    public void A_second_request_for_covered_traffic_is_no_new_acquire()
    {
        var peers = new TwoPeers();

        peers.Initiate();
        peers.Initiate();

        Assert.Equal(1, peers.Initiator.Engine.GetStatistics().TotalAcquire);
    }

    [Fact]
    public void Negotiations_under_way_are_active_acquires_and_active_receives()
    {
        var peers = new TwoPeers();
        peers.Network.Hold(d => d.Source.Address.Equals(TwoPeers.ResponderAddress) && d.Exchange == IsakmpExchangeType.MainMode, count: 1);

        peers.Initiate();

        Assert.Equal(1, peers.Initiator.Engine.GetStatistics().ActiveAcquire);
        Assert.Equal(1, peers.Responder.Engine.GetStatistics().ActiveReceive);

        peers.Network.ReleaseHeld();

        Assert.Equal(0, peers.Initiator.Engine.GetStatistics().ActiveAcquire);
        Assert.Equal(0, peers.Responder.Engine.GetStatistics().ActiveReceive);
        Assert.Equal(1, peers.Initiator.Engine.GetStatistics().QuickModeSas);
    }

    [Fact]
    public void A_wrong_pre_shared_key_is_an_authentication_failure_on_both_sides_and_an_acquire_failure_here()
    {
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, key: "the initiator's key"),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, key: "the responder's key"));

        peers.Initiate();

        var initiator = peers.Initiator.Engine.GetStatistics();
        var responder = peers.Responder.Engine.GetStatistics();
        Assert.Equal((1L, 1L, 1L, 0L), (initiator.AuthenticationFailures, initiator.NegotiationFailures, initiator.AcquireFailures, initiator.MainModeSas));
        Assert.Equal((1L, 1L, 0L, 0L), (responder.AuthenticationFailures, responder.NegotiationFailures, responder.AcquireFailures, responder.MainModeSas));
    }

    [Fact]
    public void A_refused_proposal_is_a_negotiation_failure_but_no_authentication_failure()
    {
        var peers = new TwoPeers(
            Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress, quickMode: [Policies.Esp(EspTransformId.AesCbc, 256, IpsecAuthenticationAlgorithm.HmacSha2_256)]),
            Policies.Transport(TwoPeers.ResponderAddress, TwoPeers.InitiatorAddress, quickMode: [Policies.Esp(EspTransformId.TripleDes, 0, IpsecAuthenticationAlgorithm.HmacSha1)]));

        peers.Initiate();

        var initiator = peers.Initiator.Engine.GetStatistics();
        var responder = peers.Responder.Engine.GetStatistics();
        Assert.Equal((1L, 1L, 0L, 1L, 0L), (initiator.NegotiationFailures, initiator.AcquireFailures, initiator.AuthenticationFailures, initiator.MainModeSas, initiator.QuickModeSas));
        Assert.Equal((1L, 0L, 0L), (responder.NegotiationFailures, responder.AcquireFailures, responder.AuthenticationFailures));
    }

    [Fact]
    public void A_peer_that_never_answers_is_an_acquire_failure_after_the_last_retransmission()
    {
        var peers = new TwoPeers(options: NoDpd);
        peers.Network.DropAll(d => d.Source.Address.Equals(TwoPeers.InitiatorAddress));

        peers.Initiate();
        Assert.Equal(0, peers.Initiator.Engine.GetStatistics().AcquireFailures);
        peers.Advance(peers.Options.Retransmission.GiveUpAfter + TimeSpan.FromSeconds(1));

        var statistics = peers.Initiator.Engine.GetStatistics();
        Assert.Equal((1L, 1L, 1L, 0), (statistics.TotalAcquire, statistics.AcquireFailures, statistics.NegotiationFailures, statistics.ActiveAcquire));
    }

    [Fact]
    public void No_key_for_the_peer_is_an_acquire_failure()
    {
        var policy = Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress);
        var peers = new TwoPeers(new IkePolicy { MainMode = policy.MainMode, ChildPolicies = policy.ChildPolicies });

        peers.Initiate();

        var statistics = peers.Initiator.Engine.GetStatistics();
        Assert.Equal((1L, 1L, 1L), (statistics.TotalAcquire, statistics.AcquireFailures, statistics.NegotiationFailures));
    }

    [Fact]
    public void Unknown_cookies_and_unreadable_messages_are_counted_and_dropped()
    {
        var peers = new TwoPeers();
        peers.Initiate();
        var responder = peers.Responder.Engine;
        var from = new IPEndPoint(TwoPeers.InitiatorAddress, 500);
        var to = new IPEndPoint(TwoPeers.ResponderAddress, 500);

        // A quick mode for cookies no SA has.
        var stranger = new IsakmpHeader { InitiatorSpi = 0x1111, ResponderSpi = 0x2222, ExchangeType = IsakmpExchangeType.QuickMode, MessageId = 7 };
        responder.Receive(new IkeDatagram(IsakmpMessage.CreateEncrypted(stranger, IsakmpPayloadType.Hash, new byte[16]).ToArray(), to, from));

        // Shorter than a header.
        responder.Receive(new IkeDatagram(new byte[10], to, from));

        // Our SA's cookies, but a body that is not a whole number of cipher blocks.
        var sa = Assert.Single(responder.GetMainModeSas());
        var cookies = sa.Id.Split('/').Select(part => Convert.ToUInt64(part, 16)).ToArray();
        var broken = new IsakmpHeader { InitiatorSpi = cookies[0], ResponderSpi = cookies[1], ExchangeType = IsakmpExchangeType.Informational, MessageId = 9 };
        responder.Receive(new IkeDatagram(IsakmpMessage.CreateEncrypted(broken, IsakmpPayloadType.Hash, new byte[5]).ToArray(), to, from));

        var statistics = responder.GetStatistics();
        Assert.Equal((1L, 2L), (statistics.InvalidCookiesReceived, statistics.InvalidPacketsReceived));
        Assert.Single(responder.GetMainModeSas());
    }

    [Fact]
    public void A_socket_that_fails_to_send_is_counted_and_the_negotiation_carries_on_to_its_timeout()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TwoPeers.Start);
        var policy = Policies.Transport(TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress);
        using var engine = new IkeEngine(NoDpd, policy, new FailingTransport(), new FakeKernel(), new EventLog(), clock);

        engine.Initiate(QuickModeRequest.ForPacket(policy.ChildPolicies[0], TwoPeers.InitiatorAddress, TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress));
        for (var waited = TimeSpan.Zero; waited <= NoDpd.Retransmission.GiveUpAfter + TimeSpan.FromSeconds(10); waited += TimeSpan.FromSeconds(1))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var statistics = engine.GetStatistics();
        Assert.Equal(1 + NoDpd.Retransmission.Tries, statistics.SendFailures);
        Assert.Equal(1, statistics.AcquireFailures);
    }

    [Fact]
    public void Receive_failures_are_what_the_host_reports()
    {
        var peers = new TwoPeers();

        peers.Initiator.Engine.ReportReceiveFailure();
        peers.Initiator.Engine.ReportReceiveFailure();

        Assert.Equal(2, peers.Initiator.Engine.GetStatistics().ReceiveFailures);
    }

    [Fact]
    public void A_rekeyed_quick_mode_is_a_rekey_on_both_sides()
    {
        var peers = new TwoPeers(options: NoDpd);
        peers.Initiate();

        peers.Advance(TimeSpan.FromSeconds(3500), TimeSpan.FromSeconds(10));

        Assert.Equal(1, peers.Initiator.Engine.GetStatistics().QuickModeRekeys);
        Assert.Equal(1, peers.Responder.Engine.GetStatistics().QuickModeRekeys);
        Assert.Equal(2, peers.Initiator.Engine.GetStatistics().QuickModeSas);
    }

    private sealed class FailingTransport : IIkeDatagramTransport
    {
        public void Send(IkeDatagram datagram) => throw new SocketException((int)SocketError.NetworkUnreachable);
    }
}
