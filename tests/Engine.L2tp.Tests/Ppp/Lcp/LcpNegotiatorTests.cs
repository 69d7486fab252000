using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Lcp;
using Engine.L2tp.Ppp.Negotiation;
using Engine.L2tp.Tests.Ppp.Framing;
using Engine.L2tp.Tests.Ppp.Support;
using static Engine.L2tp.Tests.Ppp.Support.NegotiatorProbe;

namespace Engine.L2tp.Tests.Ppp.Lcp;

public sealed class LcpNegotiatorTests
{
    private static readonly PppAuthenticationProtocol[] All = [PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap, PppAuthenticationProtocol.Pap];

    private static LcpNegotiator Server(PppAuthenticationProtocol[]? protocols = null, LcpSettings? settings = null) =>
        new(Context(), settings ?? new LcpSettings { Mru = 1400 }, NegotiationSettings.Default, PppRole.Server, protocols ?? All);

    private static LcpNegotiator Client(PppAuthenticationProtocol[]? protocols = null, LcpSettings? settings = null) =>
        new(Context(), settings ?? new LcpSettings(), NegotiationSettings.Default, PppRole.Client, protocols ?? All);

    private static string MagicOf(string request) => request[request.IndexOf("0506", StringComparison.Ordinal)..][4..12];

    [Fact]
    public void The_server_requests_mru_its_first_protocol_and_a_magic_number()
    {
        var request = Request(Server());
        Assert.StartsWith("01040578" + "0305C22381" + "0506", request);
        Assert.Equal(4 + 5 + 6, request.Length / 2);
    }

    [Fact]
    public void Chap_md5_and_pap_are_encoded_as_rfc1994_and_rfc1334_say()
    {
        Assert.Contains("0305C22305", Request(Server([PppAuthenticationProtocol.Chap])));
        Assert.Contains("0304C023", Request(Server([PppAuthenticationProtocol.Pap])));
    }

    [Fact]
    public void The_client_does_not_request_the_default_mru()
    {
        var request = Request(Client());
        Assert.StartsWith("0506", request);
        Assert.Equal(12, request.Length);
    }

    [Fact]
    public void Compression_is_requested_only_when_configured()
    {
        var request = Request(Client(settings: new LcpSettings { RequestAddressControlCompression = true, RequestProtocolFieldCompression = true }));
        Assert.EndsWith("07020802", request);
    }

    [Fact]
    public void The_server_rejects_callback_and_multilink_of_a_windows_style_request()
    {
        Assert.True(PppControlPacket.TryRead(Hex.Bytes(ControlPacketTests.WindowsStyleRequest), out var packet, out _));
        var (rejects, _) = Review(Server(), Hex.Of(packet.Data));
        Assert.Equal("0D0306" + "1104064E" + "131701" + "0123456789ABCDEF0123456789ABCDEF01234567", rejects);
    }

    [Fact]
    public void Mru_accm_magic_pfc_and_acfc_are_acknowledged()
    {
        var (rejects, naks) = Review(Server(), "01040578 020600000000 05064E1C7A2B 0702 0802");
        Assert.Equal(string.Empty, rejects);
        Assert.Equal(string.Empty, naks);
    }

    [Fact]
    public void A_tiny_mru_is_naked_up_to_128()
    {
        Assert.Equal(("", "01040080"), Review(Server(), "01040040"));
    }

    [Fact]
    public void Options_with_wrong_lengths_are_rejected()
    {
        Assert.Equal(("010305", ""), Review(Server(), "010305"));
        Assert.Equal(("05050102 03".Replace(" ", ""), ""), Review(Server(), "0505010203"));
    }

    [Fact]
    public void A_zero_or_equal_magic_number_is_naked_with_another()
    {
        var server = Server();
        var ours = MagicOf(Request(server));

        var (_, zeroNak) = Review(server, "050600000000");
        var (_, equalNak) = Review(server, "0506" + ours);

        Assert.StartsWith("0506", zeroNak);
        Assert.NotEqual("050600000000", zeroNak);
        Assert.StartsWith("0506", equalNak);
        Assert.NotEqual("0506" + ours, equalNak);
    }

    [Fact]
    public void The_server_refuses_to_authenticate_itself()
    {
        Assert.Equal(("0305C22381", ""), Review(Server(), "0305C22381"));
    }

    [Fact]
    public void The_client_acks_a_protocol_it_allows_and_naks_others_with_its_preference()
    {
        var client = Client([PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Pap]);
        Assert.Equal(("", ""), Review(client, "0304C023"));
        Assert.Equal(("", "0305C22381"), Review(client, "0305C22305"));
        Assert.Equal(("", "0305C22381"), Review(client, "0305C22380"));
        Assert.Equal(("", "0305C22381"), Review(client, "0304C227"));
    }

    [Fact]
    public void A_client_without_credentials_for_any_protocol_rejects_authentication()
    {
        Assert.Equal(("0305C22381", ""), Review(Client([]), "0305C22381"));
    }

    [Fact]
    public void The_server_follows_a_nak_to_a_protocol_it_also_allows()
    {
        var server = Server();
        Assert.False(server.ApplyNak(Hex.Bytes("0304C023")).Failed);
        Assert.Contains("0304C023", Request(server));
    }

    [Fact]
    public void The_server_moves_down_its_list_when_the_suggestion_is_not_allowed()
    {
        var server = Server([PppAuthenticationProtocol.MsChapV2, PppAuthenticationProtocol.Chap]);
        Assert.False(server.ApplyNak(Hex.Bytes("0304C023")).Failed);
        Assert.Contains("0305C22305", Request(server));

        var outcome = server.ApplyNak(Hex.Bytes("0304C023"));

        Assert.True(outcome.Failed);
        Assert.Equal(PppCloseReason.AuthenticationProtocolRefused, outcome.Reason);
    }

    [Fact]
    public void A_rejected_authentication_protocol_fails_lcp()
    {
        var outcome = Server().ApplyReject(Hex.Bytes("0305C22381"));
        Assert.True(outcome.Failed);
        Assert.Equal(PppCloseReason.AuthenticationProtocolRefused, outcome.Reason);
    }

    [Fact]
    public void Rejected_options_are_no_longer_requested()
    {
        var server = Server(settings: new LcpSettings { Mru = 1400, RequestAddressControlCompression = true, RequestProtocolFieldCompression = true });
        var request = Request(server);

        server.ApplyReject(Hex.Bytes("01040578 0506" + MagicOf(request) + "0702 0802"));

        Assert.Equal("0305C22381", Request(server));
    }

    [Fact]
    public void A_naked_mru_is_taken_when_sensible()
    {
        var server = Server();
        server.ApplyNak(Hex.Bytes("010405DC"));
        Assert.StartsWith("010405DC", Request(server));
        server.ApplyNak(Hex.Bytes("01040010"));
        Assert.StartsWith("0305", Request(server));
    }

    [Fact]
    public void Acknowledged_values_describe_the_link()
    {
        var server = Server();
        server.AcceptPeerRequest(Hex.Bytes("010405B4 050612345678 0702 0802"));
        server.RequestAcknowledged();

        Assert.Equal(1460, server.PeerMru);
        Assert.Equal(0x12345678u, server.PeerMagic);
        Assert.Equal(PppFrameCompression.AddressControl | PppFrameCompression.ProtocolField, server.SendCompression);
        Assert.Equal(PppAuthenticationProtocol.MsChapV2, server.AgreedAuthentication);
        Assert.Equal(1400, server.LocalMru);
        Assert.NotEqual(0u, server.LocalMagic);
    }

    [Fact]
    public void The_client_records_the_protocol_it_agreed_to()
    {
        var client = Client();
        client.AcceptPeerRequest(Hex.Bytes("0305C22305"));
        Assert.Equal(PppAuthenticationProtocol.Chap, client.PeerRequiredAuthentication);
    }

    [Fact]
    public void Our_own_magic_number_coming_back_in_naks_means_loopback()
    {
        // RFC 1661 section 6.4: a Nak carrying the number we last put in a Nak is the sign.
        var client = Client();
        NegotiationOutcome outcome = default;
        for (var i = 0; i < NegotiationSettings.Default.MaxFailure && !outcome.Failed; i++)
        {
            var ours = MagicOf(Request(client));
            var (_, nak) = Review(client, "0506" + ours);
            outcome = client.ApplyNak(Hex.Bytes(nak));
        }

        Assert.True(outcome.Failed);
        Assert.Equal(PppCloseReason.LoopbackDetected, outcome.Reason);
    }
}
