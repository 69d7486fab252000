using System.Net;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Ipcp;
using Engine.L2tp.Ppp.Ipv6cp;
using Engine.L2tp.Tests.Ppp.Support;
using static Engine.L2tp.Tests.Ppp.Support.NegotiatorProbe;

namespace Engine.L2tp.Tests.Ppp.Ipcp;

public sealed class IpcpNegotiatorTests
{
    // 192.168.50.10 = C0A8320A; DNS 192.168.1.53/.54 = C0A80135/C0A80136; WINS .137/.138 = C0A80189/C0A8018A.
    private static IpcpServerNegotiator Server(bool nameServers = true) => new(
        Scenario.GatewayAddress,
        nameServers ? Scenario.Dns : [],
        nameServers ? Scenario.Wins : [])
    {
        AssignedPeerAddress = 0xC0A8320A,
    };

    [Fact]
    public void The_server_requests_its_own_address()
    {
        Assert.Equal("0306C0A83201", Request(Server()));
    }

    [Fact]
    public void A_windows_request_of_zeros_is_naked_with_address_dns_and_wins()
    {
        // RFC 1332 3.3 and RFC 1877 1.1-1.4: the client sends 0.0.0.0 for what it wants assigned.
        var (rejects, naks) = Review(Server(), "030600000000 810600000000 820600000000 830600000000 840600000000");
        Assert.Equal(string.Empty, rejects);
        Assert.Equal("0306C0A8320A 8106C0A80135 8206C0A80189 8306C0A80136 8406C0A8018A".Replace(" ", ""), naks);
    }

    [Fact]
    public void The_values_the_server_naked_are_then_acknowledged()
    {
        Assert.Equal(("", ""), Review(Server(), "0306C0A8320A 8106C0A80135 8206C0A80189 8306C0A80136 8406C0A8018A"));
    }

    [Fact]
    public void A_client_asking_for_another_address_is_given_its_own()
    {
        Assert.Equal(("", "0306C0A8320A"), Review(Server(), "03060A000001"));
    }

    [Fact]
    public void Vj_compression_and_the_old_addresses_option_are_rejected()
    {
        var (rejects, _) = Review(Server(), "0206002D0F01 010A0000000000000000 030600000000");
        Assert.Equal("0206002D0F01010A0000000000000000", rejects);
    }

    [Fact]
    public void Name_server_requests_are_rejected_when_none_is_configured()
    {
        Assert.Equal(("810600000000820600000000", ""), Review(Server(nameServers: false), "0306C0A8320A 810600000000 820600000000"));
    }

    [Fact]
    public void A_request_without_an_address_gets_the_address_as_a_hint()
    {
        Assert.Equal(("", "0306C0A8320A"), Review(Server(), "8106C0A80135"));
    }

    [Fact]
    public void The_server_records_the_address_it_acknowledged()
    {
        var server = Server();
        server.AcceptPeerRequest(Hex.Bytes("0306C0A8320A"));
        Assert.Equal(0xC0A8320Au, server.AgreedPeerAddress);
    }

    [Fact]
    public void The_client_asks_for_everything_with_zeros()
    {
        var client = new IpcpClientNegotiator(null, requestDns: true, requestWins: true);
        Assert.Equal("030600000000 810600000000 820600000000 830600000000 840600000000".Replace(" ", ""), Request(client));
    }

    [Fact]
    public void The_client_takes_the_naked_values()
    {
        var client = new IpcpClientNegotiator(null, requestDns: true, requestWins: false);
        client.ApplyNak(Hex.Bytes("0306C0A8320A 8106C0A80135 8306C0A80136 8206C0A80189"));
        Assert.Equal("0306C0A8320A 8106C0A80135 8306C0A80136".Replace(" ", ""), Request(client));
        client.RequestAcknowledged();

        Assert.Equal(0xC0A8320Au, client.LocalAddress);
        Assert.Equal(0xC0A80135u, client.PrimaryDns);
        Assert.Equal(0xC0A80136u, client.SecondaryDns);
        Assert.Equal(0u, client.PrimaryWins);
    }

    [Fact]
    public void The_client_drops_rejected_name_servers_but_cannot_live_without_an_address()
    {
        var client = new IpcpClientNegotiator(null, requestDns: true, requestWins: true);
        Assert.False(client.ApplyReject(Hex.Bytes("820600000000 840600000000")).Failed);
        Assert.Equal("030600000000 810600000000 830600000000".Replace(" ", ""), Request(client));

        var outcome = client.ApplyReject(Hex.Bytes("030600000000"));

        Assert.True(outcome.Failed);
        Assert.Equal(PppCloseReason.AddressUnavailable, outcome.Reason);
    }

    [Fact]
    public void The_client_acks_the_server_address_and_rejects_the_rest()
    {
        var client = new IpcpClientNegotiator(null, requestDns: false, requestWins: false);
        Assert.Equal(("", ""), Review(client, "0306C0A83201"));
        Assert.Equal(("030600000000", ""), Review(client, "030600000000"));
        Assert.Equal(("0206002D0F01", ""), Review(client, "0306C0A83201 0206002D0F01"));
    }

    [Fact]
    public void A_preferred_client_address_is_proposed()
    {
        var client = new IpcpClientNegotiator(IPAddress.Parse("192.168.50.77"), requestDns: false, requestWins: false);
        Assert.Equal("0306C0A8324D", Request(client));
    }

    [Fact]
    public void Ipv6cp_naks_a_zero_or_equal_interface_identifier()
    {
        // RFC 5072 section 4.1.
        var negotiator = new Ipv6cpNegotiator(Context());
        var ours = Request(negotiator)[4..];

        Assert.Equal(("", ""), Review(negotiator, "010A1122334455667788"));
        Assert.StartsWith("010A", Review(negotiator, "010A0000000000000000").Naks);
        Assert.NotEqual("010A" + ours, Review(negotiator, "010A" + ours).Naks);
        Assert.Equal(("0204004F", ""), Review(negotiator, "0204004F"));
    }

    [Fact]
    public void Ipv6cp_takes_a_usable_naked_identifier()
    {
        var negotiator = new Ipv6cpNegotiator(Context());
        negotiator.ApplyNak(Hex.Bytes("010A0102030405060708"));
        negotiator.RequestAcknowledged();
        Assert.Equal(0x0102030405060708ul, negotiator.LocalIdentifier);
    }
}
