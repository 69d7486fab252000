using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Negotiation;
using static Engine.L2tp.Tests.Ppp.Auth.AuthHarness;

namespace Engine.L2tp.Tests.Ppp.Auth;

public sealed class ChapPeerTests
{
    private static readonly byte[] Challenge = Convert.FromHexString("5B5D7C7D7B3F2F3E3C2C602132262628");

    private static (AuthHarness Harness, ChapPeer Peer) Start(PppAuthenticationProtocol protocol)
    {
        var harness = new AuthHarness();
        var peer = new ChapPeer(harness.Context, protocol, "User", Engine.L2tp.Ppp.Auth.PppPassword.FromString("clientPass"), TimeSpan.FromSeconds(30), NegotiationSettings.Default, harness);
        harness.Run(peer, exchange => exchange.Start());
        return (harness, peer);
    }

    [Fact]
    public void The_ms_chap_v2_response_verifies_and_has_zero_reserved_bytes()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));

        var (id, value, name) = ReadChap(harness.Last);
        Assert.Equal(ChapCode.Response, (ChapCode)harness.Last[0]);
        Assert.Equal(0x21, id);
        Assert.Equal("User", name);
        Assert.Equal(MsChapV2ResponseValue.Size, value.Length);
        Assert.All(value[16..24], b => Assert.Equal(0, b));
        Assert.Equal(0, value[48]);
        Assert.True(MsChapV2ResponseValue.TryRead(value, out var response));
        Assert.Equal(
            MsChapV2.GenerateNtResponse(Challenge, response.PeerChallenge, "User", Engine.L2tp.Ppp.Auth.PppPassword.FromString("clientPass")),
            response.NtResponse.ToArray());
    }

    [Fact]
    public void A_repeated_challenge_gets_the_same_response()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));

        Assert.Equal(harness.Sent[0].Packet, harness.Sent[1].Packet);
    }

    [Fact]
    public void Success_with_the_right_authenticator_response_completes()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));
        var (_, value, _) = ReadChap(harness.Last);
        Assert.True(MsChapV2ResponseValue.TryRead(value, out var response));
        var expected = MsChapV2.GenerateAuthenticatorResponse(
            Engine.L2tp.Ppp.Auth.PppPassword.FromString("clientPass"), response.NtResponse, response.PeerChallenge, Challenge, "User");

        harness.Receive(peer, ChapStatus(ChapCode.Success, 0x21, expected + " M=welcome"));

        Assert.Equal(["User"], harness.Successes);
    }

    [Fact]
    public void Success_with_a_wrong_authenticator_response_fails_mutual_authentication()
    {
        // RFC 2759 section 5: "If the authenticator response is either missing or incorrect, the peer MUST end the session."
        var (harness, peer) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));

        harness.Receive(peer, ChapStatus(ChapCode.Success, 0x21, "S=0000000000000000000000000000000000000000 M=trust me"));

        Assert.Empty(harness.Successes);
        Assert.Equal([("User", AuthenticationFailureReason.ServerNotAuthenticated, true)], harness.Failures);
    }

    [Fact]
    public void Failure_is_reported_as_rejected_by_the_server()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));

        harness.Receive(peer, ChapStatus(ChapCode.Failure, 0x21, "E=691 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=no"));

        Assert.Equal([("User", AuthenticationFailureReason.RejectedByServer, true)], harness.Failures);
    }

    [Fact]
    public void A_status_for_another_identifier_is_ignored()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.Chap);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));

        harness.Receive(peer, ChapStatus(ChapCode.Failure, 0x22, "no"));

        Assert.Empty(harness.Failures);
    }

    [Fact]
    public void The_md5_response_is_rfc1994()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.Chap);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x42, Challenge, "gateway"));

        var (_, value, _) = ReadChap(harness.Last);
        Assert.Equal(ChapMd5.ComputeResponse(0x42, "clientPass"u8, Challenge), value);
        harness.Receive(peer, ChapStatus(ChapCode.Success, 0x42, "Access granted"));
        Assert.Equal(["User"], harness.Successes);
    }

    [Fact]
    public void Without_a_verdict_the_response_is_repeated_then_given_up()
    {
        var (harness, peer) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Receive(peer, ChapPacket(ChapCode.Challenge, 0x21, Challenge, "gateway"));
        var response = harness.Last;

        harness.Advance(TimeSpan.FromSeconds(27));
        Assert.Equal(10, harness.Sent.Count);
        Assert.All(harness.Sent, sent => Assert.Equal(response, sent.Packet));
        Assert.Empty(harness.Failures);
        harness.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([("User", AuthenticationFailureReason.Timeout, true)], harness.Failures);
    }

    [Fact]
    public void No_challenge_in_time_is_a_timeout()
    {
        var (harness, _) = Start(PppAuthenticationProtocol.MsChapV2);
        harness.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([("User", AuthenticationFailureReason.Timeout, true)], harness.Failures);
    }
}
