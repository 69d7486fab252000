using System.Net;
using System.Text;
using Engine.L2tp.Ppp;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Ppp.Framing;
using Engine.L2tp.Ppp.Negotiation;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Session;

/// <summary>Client and gateway sessions over an in-memory link: the whole way to IPv4, per authentication method.</summary>
public sealed class NegotiationTests
{
    [Theory]
    [InlineData(PppAuthenticationProtocol.MsChapV2)]
    [InlineData(PppAuthenticationProtocol.Chap)]
    [InlineData(PppAuthenticationProtocol.Pap)]
    public void Both_ends_open_with_each_authentication_method(PppAuthenticationProtocol method)
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, [method]), Scenario.Client(time), time);

        link.Start();

        Assert.Equal(AutomatonState.Opened, link.Server.LcpState);
        Assert.Equal(AutomatonState.Opened, link.Client.LcpState);
        Assert.Equal(AutomatonState.Opened, link.Server.IpcpState);
        Assert.Equal(AutomatonState.Opened, link.Client.IpcpState);
        Assert.Equal(PppPhase.Network, link.Server.Phase);
        var server = Assert.Single(link.ServerOpened);
        var client = Assert.Single(link.ClientOpened);
        Assert.Equal(Scenario.UserName, server.UserName);
        Assert.Equal(method, server.AuthenticationProtocol);
        Assert.Equal(method, client.AuthenticationProtocol);
        Assert.Equal(IPAddress.Parse("192.168.50.10"), server.PeerAddress);
        Assert.Equal(Scenario.GatewayAddress, server.LocalAddress);
        Assert.Equal(IPAddress.Parse("192.168.50.10"), client.LocalAddress);
        Assert.Equal(Scenario.GatewayAddress, client.PeerAddress);
        Assert.Equal(Scenario.Dns, client.DnsServers);
        Assert.Equal(Scenario.Wins, client.WinsServers);
        Assert.Equal(1400, client.PeerMru);
        Assert.Empty(link.ServerClosed);
        Assert.Empty(link.ClientClosed);
    }

    [Theory]
    [InlineData(PppAuthenticationProtocol.MsChapV2)]
    [InlineData(PppAuthenticationProtocol.Chap)]
    public void The_password_never_crosses_the_link_with_chap(PppAuthenticationProtocol method)
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, [method]), Scenario.Client(time), time);

        link.Start();

        var password = Encoding.UTF8.GetBytes(Scenario.Password);
        var unicode = Encoding.Unicode.GetBytes(Scenario.Password);
        Assert.All(link.Frames, frame =>
        {
            Assert.Equal(-1, frame.Bytes.AsSpan().IndexOf(password));
            Assert.Equal(-1, frame.Bytes.AsSpan().IndexOf(unicode));
        });
    }

    [Fact]
    public void IPv4_flows_both_ways_once_open()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);
        link.Start();
        var clientAddress = link.Client.LocalAddress!;
        var lanHost = IPAddress.Parse("192.168.1.20");

        var outbound = TestPackets.Udp4(clientAddress, lanHost, "from the client");
        var inbound = TestPackets.Udp4(lanHost, clientAddress, "to the client");
        Assert.True(link.Client.SendPacket(outbound));
        Assert.True(link.Server.SendPacket(inbound));
        link.Pump();

        Assert.Equal(outbound, Assert.Single(link.ServerReceived));
        Assert.Equal(inbound, Assert.Single(link.ClientReceived));
        Assert.Equal(1, link.Server.Statistics.PacketsReceived);
        Assert.Equal(outbound.Length, link.Server.Statistics.BytesReceived);
        Assert.Equal(1, link.Server.Statistics.PacketsSent);
        Assert.Equal(inbound.Length, link.Server.Statistics.BytesSent);
    }

    [Fact]
    public void Nothing_is_sent_or_delivered_before_ipcp_opens()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time), Scenario.Client(time), time);

        Assert.False(link.Client.SendPacket(TestPackets.Udp4(IPAddress.Any, IPAddress.Loopback, "early")));
        link.Server.Start();
        link.Server.Receive([0xFF, 0x03, 0x00, 0x21, 0x45, 0, 0, 20]);
        Assert.Empty(link.ServerReceived);
        Assert.Equal(1, link.Server.Statistics.FramesDiscarded);
    }

    [Fact]
    public void The_exchange_follows_rfc1661_order()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, [PppAuthenticationProtocol.MsChapV2]), Scenario.Client(time), time);

        link.Start();

        // The first IPCP frame comes after the CHAP Success, and no IP datagram before IPCP is open.
        var frames = link.Delivered.ToList();
        var success = frames.FindIndex(frame => frame.Is(PppProtocol.Chap, (byte)ChapCode.Success));
        var firstIpcp = frames.FindIndex(frame => frame.Protocol == (ushort)PppProtocol.Ipcp);
        var lastLcpConfigure = frames.FindLastIndex(frame => frame.Protocol == (ushort)PppProtocol.Lcp && frame.Code <= 4);
        var firstChap = frames.FindIndex(frame => frame.Protocol == (ushort)PppProtocol.Chap);
        Assert.True(lastLcpConfigure < firstChap);
        Assert.True(success < firstIpcp);
    }

    [Fact]
    public void A_client_without_dns_and_wins_requests_gets_none()
    {
        var time = Scenario.NewClock();
        var clientOptions = Scenario.Client(time);
        clientOptions = clientOptions with { Client = clientOptions.Client! with { RequestDns = false, RequestWins = false } };
        using var link = new PppLink(Scenario.Server(time), clientOptions, time);

        link.Start();

        var opened = Assert.Single(link.ClientOpened);
        Assert.Empty(opened.DnsServers);
        Assert.Empty(opened.WinsServers);
    }

    [Fact]
    public void A_server_without_name_servers_rejects_the_requests_and_the_client_goes_on()
    {
        var time = Scenario.NewClock();
        var serverOptions = Scenario.Server(time);
        serverOptions = serverOptions with { Server = serverOptions.Server! with { DnsServers = [], WinsServers = [] } };
        using var link = new PppLink(serverOptions, Scenario.Client(time), time);

        link.Start();

        var opened = Assert.Single(link.ClientOpened);
        Assert.Empty(opened.DnsServers);
        Assert.Contains(link.Delivered, frame => frame.Is(PppProtocol.Ipcp, (byte)PppControlCode.ConfigureReject));
    }

    [Fact]
    public void Without_authentication_the_link_goes_straight_to_the_network_phase()
    {
        var time = Scenario.NewClock();
        using var link = new PppLink(Scenario.Server(time, []), Scenario.Client(time), time);

        link.Start();

        var opened = Assert.Single(link.ServerOpened);
        Assert.Null(opened.UserName);
        Assert.DoesNotContain(link.Frames, frame => frame.Protocol is (ushort)PppProtocol.Chap or (ushort)PppProtocol.Pap);
    }
}
