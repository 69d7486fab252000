using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;
using static Engine.L2tp.Tests.Ppp.Auth.AuthHarness;

namespace Engine.L2tp.Tests.Ppp.Auth;

public sealed class ChapAuthenticatorTests
{
    private static readonly byte[] PeerChallenge = Convert.FromHexString("21402324255E262A28295F2B3A337C7E");

    private static (AuthHarness Harness, ChapAuthenticator Authenticator) Start(PppAuthenticationProtocol protocol, int attempts = 1)
    {
        var harness = new AuthHarness();
        var authenticator = new ChapAuthenticator(harness.Context, protocol, new AuthenticatorSettings { MaxAttempts = attempts }, NegotiationSettings.Default, Users, harness);
        harness.Run(authenticator, exchange => exchange.Start());
        return (harness, authenticator);
    }

    private static byte[] MsChapResponse(byte identifier, byte[] challenge, string user, string password) =>
        ChapPacket(ChapCode.Response, identifier,
            MsChapV2ResponseValue.Build(PeerChallenge, MsChapV2.GenerateNtResponse(challenge, PeerChallenge, user, Engine.L2tp.Ppp.Auth.PppPassword.FromString(password))),
            user);

    [Fact]
    public void Sends_a_16_byte_challenge_named_after_the_gateway()
    {
        var (harness, _) = Start(PppAuthenticationProtocol.MsChapV2);
        Assert.Equal((ushort)PppProtocol.Chap, harness.Sent[0].Protocol);
        var (_, value, name) = ReadChap(harness.Last);
        Assert.Equal(ChapCode.Challenge, (ChapCode)harness.Last[0]);
        Assert.Equal(16, value.Length);
        Assert.Equal("IpSecPolicy", name);
    }

    [Fact]
    public void Repeats_the_challenge_then_times_out()
    {
        var (harness, _) = Start(PppAuthenticationProtocol.MsChapV2);
        var first = harness.Last;

        harness.Advance(TimeSpan.FromSeconds(27));
        Assert.Equal(10, harness.Sent.Count);
        Assert.All(harness.Sent, sent => Assert.Equal(first, sent.Packet));
        harness.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([(null, AuthenticationFailureReason.Timeout, true)], harness.Failures);
    }

    [Fact]
    public void Ms_chap_v2_success_carries_the_authenticator_response()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, MsChapResponse(id, challenge, "alice", "secret"));

        Assert.Equal(ChapCode.Success, (ChapCode)harness.Last[0]);
        Assert.Equal(id, harness.Last[1]);
        var ntResponse = MsChapV2.GenerateNtResponse(challenge, PeerChallenge, "alice", Engine.L2tp.Ppp.Auth.PppPassword.FromString("secret"));
        var expected = MsChapV2.GenerateAuthenticatorResponse(Engine.L2tp.Ppp.Auth.PppPassword.FromString("secret"), ntResponse, PeerChallenge, challenge, "alice");
        Assert.Equal(expected + " M=Access granted", MessageOf(harness.Last));
        Assert.Equal(["alice"], harness.Successes);
    }

    [Fact]
    public void A_repeated_response_gets_the_same_success_again()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, challenge, _) = ReadChap(harness.Last);
        var response = MsChapResponse(id, challenge, "alice", "secret");
        harness.Receive(authenticator, response);
        var success = harness.Last;

        harness.Receive(authenticator, response);

        Assert.Equal(success, harness.Last);
        Assert.Single(harness.Successes);
    }

    [Fact]
    public void A_wrong_password_gets_the_rras_failure_without_retry()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, MsChapResponse(id, challenge, "alice", "wrong"));

        Assert.Equal(ChapCode.Failure, (ChapCode)harness.Last[0]);
        var message = MessageOf(harness.Last);
        Assert.Matches("^E=691 R=0 C=[0-9A-F]{32} V=3 M=Authentication failed$", message);
        Assert.Equal([("alice", AuthenticationFailureReason.WrongPassword, true)], harness.Failures);
    }

    [Fact]
    public void An_unknown_user_gets_the_same_failure_text_but_its_own_reason()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, MsChapResponse(id, challenge, "mallory", "secret"));

        Assert.StartsWith("E=691 R=0", MessageOf(harness.Last));
        Assert.Equal([("mallory", AuthenticationFailureReason.UnknownUser, true)], harness.Failures);
    }

    [Fact]
    public void With_retries_the_failure_offers_a_new_challenge_that_a_retry_answers()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2, attempts: 2);
        var (id, challenge, _) = ReadChap(harness.Last);
        harness.Receive(authenticator, MsChapResponse(id, challenge, "alice", "wrong"));
        Assert.True(MsChapV2FailureMessage.TryParse(MessageOf(harness.Last), out var failure));
        Assert.True(failure!.RetryAllowed);
        Assert.NotEqual(challenge, failure.Challenge);

        // RFC 2433's retry: the identifier one past the Failure's, answering the C= challenge.
        harness.Receive(authenticator, MsChapResponse((byte)(id + 1), failure.Challenge!, "alice", "secret"));

        Assert.Equal(ChapCode.Success, (ChapCode)harness.Last[0]);
        Assert.Equal([("alice", AuthenticationFailureReason.WrongPassword, false)], harness.Failures);
        Assert.Equal(["alice"], harness.Successes);
    }

    [Fact]
    public void A_repeated_refused_response_does_not_use_up_a_retry()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2, attempts: 2);
        var (id, challenge, _) = ReadChap(harness.Last);
        var refused = MsChapResponse(id, challenge, "alice", "wrong");
        harness.Receive(authenticator, refused);
        var failure = harness.Last;

        harness.Receive(authenticator, refused);

        Assert.Equal(failure, harness.Last);
        Assert.Single(harness.Failures);
    }

    [Fact]
    public void No_retry_in_time_fails_the_exchange()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2, attempts: 2);
        var (id, challenge, _) = ReadChap(harness.Last);
        harness.Receive(authenticator, MsChapResponse(id, challenge, "alice", "wrong"));

        harness.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal((null, AuthenticationFailureReason.Timeout, true), harness.Failures[^1]);
    }

    [Fact]
    public void A_domain_prefix_is_ignored_for_the_lookup_and_the_hash()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, MsChapResponse(id, challenge, @"CONTOSO\alice", "secret"));

        Assert.Equal([@"CONTOSO\alice"], harness.Successes);
    }

    [Fact]
    public void A_response_of_the_wrong_size_is_malformed()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, _, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, ChapPacket(ChapCode.Response, id, new byte[16], "alice"));

        Assert.Equal([("alice", AuthenticationFailureReason.MalformedResponse, true)], harness.Failures);
    }

    [Fact]
    public void A_response_to_another_identifier_is_ignored()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.MsChapV2);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, MsChapResponse((byte)(id + 7), challenge, "alice", "secret"));

        Assert.Single(harness.Sent);
        Assert.Empty(harness.Successes);
        Assert.Empty(harness.Failures);
    }

    [Fact]
    public void Chap_md5_accepts_the_rfc1994_response()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.Chap);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, ChapPacket(ChapCode.Response, id, ChapMd5.ComputeResponse(id, "secret"u8, challenge), "alice"));

        Assert.Equal(ChapCode.Success, (ChapCode)harness.Last[0]);
        Assert.Equal("Access granted", MessageOf(harness.Last));
    }

    [Fact]
    public void Chap_md5_with_retries_sends_a_new_challenge_after_a_failure()
    {
        var (harness, authenticator) = Start(PppAuthenticationProtocol.Chap, attempts: 2);
        var (id, challenge, _) = ReadChap(harness.Last);

        harness.Receive(authenticator, ChapPacket(ChapCode.Response, id, ChapMd5.ComputeResponse(id, "wrong"u8, challenge), "alice"));

        Assert.Equal(ChapCode.Failure, (ChapCode)harness.Sent[^2].Packet[0]);
        var (nextId, nextChallenge, _) = ReadChap(harness.Last);
        Assert.Equal(ChapCode.Challenge, (ChapCode)harness.Last[0]);
        Assert.NotEqual(id, nextId);
        harness.Receive(authenticator, ChapPacket(ChapCode.Response, nextId, ChapMd5.ComputeResponse(nextId, "secret"u8, nextChallenge), "alice"));
        Assert.Equal(["alice"], harness.Successes);
    }

    [Fact]
    public void The_failure_message_round_trips()
    {
        var message = new MsChapV2FailureMessage(691, true, Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), 3, "Authentication failed");
        Assert.Equal("E=691 R=1 C=00112233445566778899AABBCCDDEEFF V=3 M=Authentication failed", message.Format());
        Assert.True(MsChapV2FailureMessage.TryParse(message.Format(), out var parsed));
        Assert.Equal(691, parsed!.ErrorCode);
        Assert.True(parsed.RetryAllowed);
        Assert.Equal(message.Challenge, parsed.Challenge);
        Assert.Equal(3, parsed.Version);
        Assert.Equal("Authentication failed", parsed.Message);
        Assert.True(MsChapV2FailureMessage.TryParse("E=647 R=0 M=disabled account", out var short_));
        Assert.Equal(647, short_!.ErrorCode);
        Assert.False(MsChapV2FailureMessage.TryParse("Access denied", out _));
    }
}
