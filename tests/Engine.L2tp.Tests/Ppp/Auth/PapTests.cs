using System.Text;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;
using static Engine.L2tp.Tests.Ppp.Auth.AuthHarness;

namespace Engine.L2tp.Tests.Ppp.Auth;

public sealed class PapTests
{
    private static (AuthHarness Harness, PapAuthenticator Authenticator) StartAuthenticator(int attempts = 1)
    {
        var harness = new AuthHarness();
        var authenticator = new PapAuthenticator(harness.Context, new AuthenticatorSettings { MaxAttempts = attempts }, Users, harness);
        harness.Run(authenticator, exchange => exchange.Start());
        return (harness, authenticator);
    }

    [Fact]
    public void The_request_is_laid_out_as_rfc1334_says()
    {
        Assert.Equal("01050011" + "05616C696365" + "06736563726574", Convert.ToHexString(PapRequestPacket(5, "alice", "secret")));
    }

    [Fact]
    public void A_right_password_is_acked()
    {
        var (harness, authenticator) = StartAuthenticator();
        harness.Receive(authenticator, PapRequestPacket(5, "alice", "secret"));

        Assert.Equal((ushort)PppProtocol.Pap, harness.Sent[0].Protocol);
        Assert.Equal("02050013" + "0E" + Convert.ToHexString("Access granted"u8), Convert.ToHexString(harness.Last));
        Assert.Equal(["alice"], harness.Successes);
    }

    [Fact]
    public void A_repeated_request_is_acked_again()
    {
        var (harness, authenticator) = StartAuthenticator();
        harness.Receive(authenticator, PapRequestPacket(5, "alice", "secret"));
        harness.Receive(authenticator, PapRequestPacket(5, "alice", "secret"));

        Assert.Equal(2, harness.Sent.Count);
        Assert.Equal(harness.Sent[0].Packet, harness.Sent[1].Packet);
        Assert.Single(harness.Successes);
    }

    [Fact]
    public void Wrong_password_and_unknown_user_are_naked_with_their_reasons()
    {
        var (harness, authenticator) = StartAuthenticator(attempts: 2);
        harness.Receive(authenticator, PapRequestPacket(5, "alice", "guess"));
        Assert.Equal((byte)PapCode.AuthenticateNak, harness.Last[0]);
        harness.Receive(authenticator, PapRequestPacket(6, "eve", "secret"));

        Assert.Equal([("alice", AuthenticationFailureReason.WrongPassword, false), ("eve", AuthenticationFailureReason.UnknownUser, true)], harness.Failures);
    }

    [Fact]
    public void No_request_in_time_is_a_timeout()
    {
        var (harness, _) = StartAuthenticator();
        harness.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([(null, AuthenticationFailureReason.Timeout, true)], harness.Failures);
    }

    [Fact]
    public void Truncated_requests_are_ignored()
    {
        var (harness, authenticator) = StartAuthenticator();
        harness.Receive(authenticator, [1, 1, 0, 8, 5, (byte)'a', (byte)'l', 0]);
        Assert.Empty(harness.Sent);
        Assert.Empty(harness.Failures);
    }

    [Fact]
    public void The_peer_repeats_its_request_until_answered()
    {
        var harness = new AuthHarness();
        var peer = new PapPeer(harness.Context, "alice", Engine.L2tp.Ppp.Auth.PppPassword.FromString("secret"), NegotiationSettings.Default, harness);
        harness.Run(peer, exchange => exchange.Start());
        var request = harness.Last;
        Assert.True(PppControlPacket.TryRead(request, out var packet, out _));
        Assert.True(PapRequest.TryRead(packet.Data, out var parsed, out _));
        Assert.Equal("alice", Encoding.UTF8.GetString(parsed.PeerId));

        harness.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(3, harness.Sent.Count);
        Assert.All(harness.Sent, sent => Assert.Equal(request, sent.Packet));
        harness.Receive(peer, [(byte)PapCode.AuthenticateAck, request[1], 0, 5, 0]);

        Assert.Equal(["alice"], harness.Successes);
        harness.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, harness.Sent.Count);
    }

    [Fact]
    public void The_peer_reports_a_nak_and_gives_up_after_max_configure()
    {
        var harness = new AuthHarness();
        var peer = new PapPeer(harness.Context, "alice", Engine.L2tp.Ppp.Auth.PppPassword.FromString("secret"), NegotiationSettings.Default, harness);
        harness.Run(peer, exchange => exchange.Start());
        harness.Receive(peer, [(byte)PapCode.AuthenticateNak, harness.Last[1], 0, 5, 0]);
        Assert.Equal([("alice", AuthenticationFailureReason.RejectedByServer, true)], harness.Failures);

        var silent = new AuthHarness();
        var unanswered = new PapPeer(silent.Context, "alice", Engine.L2tp.Ppp.Auth.PppPassword.FromString("secret"), NegotiationSettings.Default, silent);
        silent.Run(unanswered, exchange => exchange.Start());
        silent.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(10, silent.Sent.Count);
        Assert.Equal([("alice", AuthenticationFailureReason.Timeout, true)], silent.Failures);
    }
}
