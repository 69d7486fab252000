using System;
using System.Linq;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;
using System.Collections.Generic;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// The L2TP/IPsec gateway and client, each a real engine process in its own namespace: IKE with a
/// built-in client's proposals, ESP transport for UDP 1701, L2TP, PPP with the gateway's users,
/// the pool, DNS and WINS, and traffic from the client to a host on the gateway's LAN and back.
/// </summary>
public sealed class VpnGatewayScenarioTests : IDisposable
{
    private readonly Lab lab = new();

    [Fact]
    public void A_client_connects_gets_an_address_dns_and_wins_and_reaches_the_lan_host()
    {
        var vpn = new VpnLab(lab);
        VpnLab.ConfigureGateway(vpn.Gateway, VpnLab.GatewaySettings(vpn.Gateway.Interface));
        VpnLab.AddUser(vpn.Gateway, "alice", "alice-password");
        VpnLab.ConfigureClient(vpn.Client, "alice", "alice-password", VpnProposalProfile.Windows10, VpnAuthenticationMethod.Chap);
        vpn.Gateway.StartEngine();
        vpn.LanHost.StartTcpServer(7100);
        using var capture = PacketCapture.Start(vpn.Gateway, vpn.Gateway.Interface);
        vpn.Client.StartEngine();

        var connection = VpnLab.WaitForConnection(vpn.Client, "Connected", TimeSpan.FromSeconds(30));
        Assert.Equal("10.81.2.101", connection.AssignedAddress);
        Assert.Equal("10.81.2.100", connection.GatewayAddress);
        Assert.Equal(["10.81.2.53"], connection.DnsServers);
        Assert.Equal(["10.81.2.54"], connection.WinsServers);
        Assert.Equal("Chap", connection.AuthenticationMethod);

        Assert.True(vpn.Client.Ping(VpnLab.LanHostAddress, TimeSpan.FromSeconds(10)), vpn.Client.EngineLog + vpn.Gateway.EngineLog);
        WaitUntil(() => vpn.Client.TcpRequest(VpnLab.LanHostAddress, 7100), vpn.Gateway.EngineLog, TimeSpan.FromSeconds(30));
        Assert.True(vpn.LanHost.Ping("10.81.2.101", TimeSpan.FromSeconds(5)), "the LAN host reaches the client through proxy ARP");

        var session = Assert.Single(VpnLab.Sessions(vpn.Gateway));
        Assert.Equal("alice", session.UserName);
        Assert.Equal("10.81.1.2", session.ClientAddress);
        Assert.Equal(1701, session.ClientPort);
        Assert.Equal("10.81.2.101", session.AssignedAddress);
        Assert.True(session.BytesIn > 0 && session.BytesOut > 0 && session.PacketsIn > 0);
        Assert.NotEqual(0UL, session.QuickModeSaId);

        var frames = capture.Frames("-Y", "ip");
        Assert.Contains(frames, f => f.EndsWith(":esp", StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Contains("l2tp", StringComparison.Ordinal) || f.Contains(":icmp", StringComparison.Ordinal));
        Assert.Contains("Audit 20274 (Success): The user alice connected from 10.81.1.2:1701 has been assigned address 10.81.2.101", vpn.Gateway.EngineLog);

        // Disconnect-VpnSession: LCP Terminate, CDN; the gateway reports it, the client sees the link go.
        var gone = new ControlClient(vpn.Gateway.SocketPath).Call<VpnSession>(ControlCommands.DisconnectVpnSession,
            new System.Collections.Generic.Dictionary<string, object?> { ["id"] = session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal("alice", gone!.UserName);
        WaitUntil(() => VpnLab.Sessions(vpn.Gateway).Length == 0, vpn.Gateway.EngineLog);
        WaitUntil(() => vpn.Gateway.EngineLog.Contains("Audit 20272 (Success): The user alice", StringComparison.Ordinal), vpn.Gateway.EngineLog);
        Assert.Contains("The reason for disconnecting was: disconnected by the administrator", vpn.Gateway.EngineLog);
    }

    [Theory]
    [InlineData(VpnProposalProfile.Windows11, VpnAuthenticationMethod.MsChapV2)]
    [InlineData(VpnProposalProfile.WindowsXP, VpnAuthenticationMethod.Pap)]
    [InlineData(VpnProposalProfile.MacOS, VpnAuthenticationMethod.MsChapV2)]
    [InlineData(VpnProposalProfile.IOS, VpnAuthenticationMethod.Chap)]
    [InlineData(VpnProposalProfile.Android, VpnAuthenticationMethod.Pap)]
    [InlineData(VpnProposalProfile.Default, VpnAuthenticationMethod.MsChapV2)]
    public void Every_client_profile_and_authentication_method_connects_and_carries_tcp_and_udp(VpnProposalProfile profile, VpnAuthenticationMethod method)
    {
        var vpn = new VpnLab(lab);
        VpnLab.ConfigureGateway(vpn.Gateway, VpnLab.GatewaySettings(vpn.Gateway.Interface));
        VpnLab.AddUser(vpn.Gateway, "bob", "bob-password");
        VpnLab.ConfigureClient(vpn.Client, "bob", "bob-password", profile, method);
        vpn.Gateway.StartEngine();
        vpn.LanHost.StartTcpServer(7100);
        vpn.LanHost.StartUdpServer(7200);
        vpn.Client.StartEngine();

        var connection = VpnLab.WaitForConnection(vpn.Client, "Connected", TimeSpan.FromSeconds(30));
        Assert.Equal(method.ToString(), connection.AuthenticationMethod);
        // Retried: on a loaded machine the first exchange may outlast one socat timeout.
        WaitUntil(() => vpn.Client.TcpRequest(VpnLab.LanHostAddress, 7100), vpn.Client.EngineLog + vpn.Gateway.EngineLog, TimeSpan.FromSeconds(30));
        WaitUntil(() => vpn.Client.UdpRequest(VpnLab.LanHostAddress, 7200), vpn.Client.EngineLog, TimeSpan.FromSeconds(30));
        Assert.Equal(method.ToString(), Assert.Single(VpnLab.Sessions(vpn.Gateway)).AuthenticationMethod);
    }

    [Fact]
    public void A_client_reaches_the_gateway_over_ipv6()
    {
        var vpn = new VpnLab(lab);
        Lab.AddAddress(vpn.Gateway, vpn.Gateway.Interface, "fd00:81::1/64");
        Lab.AddAddress(vpn.Client, vpn.Client.Interface, "fd00:81::2/64");
        VpnLab.ConfigureGateway(vpn.Gateway, VpnLab.GatewaySettings(vpn.Gateway.Interface));
        VpnLab.AddUser(vpn.Gateway, "lena", "lena-password");
        VpnLab.ConfigureClient(vpn.Client, "lena", "lena-password", VpnProposalProfile.Windows11, server: "fd00:81::1");
        vpn.Gateway.StartEngine();
        vpn.Client.StartEngine();

        Assert.Equal("10.81.2.101", VpnLab.WaitForConnection(vpn.Client, "Connected", TimeSpan.FromSeconds(30)).AssignedAddress);
        Assert.True(vpn.Client.Ping(VpnLab.LanHostAddress, TimeSpan.FromSeconds(10)), vpn.Client.EngineLog + vpn.Gateway.EngineLog);
        var session = Assert.Single(VpnLab.Sessions(vpn.Gateway));
        Assert.Equal(("fd00:81::2", 1701), (session.ClientAddress, session.ClientPort));
    }

    [Fact]
    public void Three_clients_behind_one_nat_all_on_port_1701_each_get_their_own_tunnel()
    {
        var vpn = new VpnLab(lab, clientsBehindNat: 3);
        VpnLab.ConfigureGateway(vpn.Gateway, VpnLab.GatewaySettings(vpn.Gateway.Interface));
        string[] users = ["carol", "dave", "erin"];
        foreach (var user in users)
        {
            VpnLab.AddUser(vpn.Gateway, user, user + "-password");
        }

        vpn.Gateway.StartEngine();
        for (var i = 0; i < 3; i++)
        {
            VpnLab.ConfigureClient(vpn.Clients[i], users[i], users[i] + "-password", VpnProposalProfile.Windows10);
            vpn.Clients[i].StartEngine();
        }

        var addresses = vpn.Clients.Select(c => VpnLab.WaitForConnection(c, "Connected", TimeSpan.FromSeconds(45)).AssignedAddress).ToList();
        Assert.Equal(3, addresses.Distinct().Count());
        foreach (var client in vpn.Clients)
        {
            Assert.True(client.Ping(VpnLab.LanHostAddress, TimeSpan.FromSeconds(10)), client.EngineLog + vpn.Gateway.EngineLog);
        }

        var sessions = VpnLab.Sessions(vpn.Gateway);
        Assert.Equal(users, sessions.Select(s => s.UserName).Order().ToArray());
        Assert.All(sessions, s => Assert.Equal(("10.81.1.2", 1701), (s.ClientAddress, s.ClientPort)));
        Assert.Equal(3, sessions.Select(s => s.TunnelId).Distinct().Count());
        Assert.Equal(3, sessions.Select(s => s.QuickModeSaId).Distinct().Count());
    }

    [Fact]
    public void A_wrong_password_fails_and_is_audited_with_its_reason_and_a_wrong_key_never_gets_past_ike()
    {
        var vpn = new VpnLab(lab, clientsBehindNat: 2);
        VpnLab.ConfigureGateway(vpn.Gateway, VpnLab.GatewaySettings(vpn.Gateway.Interface));
        VpnLab.AddUser(vpn.Gateway, "frank", "frank-password");
        vpn.Gateway.StartEngine();
        VpnLab.ConfigureClient(vpn.Clients[0], "frank", "not-franks-password");
        VpnLab.ConfigureClient(vpn.Clients[1], "frank", "frank-password", psk: "not-the-key");
        vpn.Clients[0].StartEngine();
        vpn.Clients[1].StartEngine();

        var failed = VpnLab.WaitForConnection(vpn.Clients[0], "Failed", TimeSpan.FromSeconds(30));
        Assert.Contains("authentication", failed.LastError, StringComparison.OrdinalIgnoreCase);
        WaitUntil(() => vpn.Gateway.EngineLog.Contains("Audit 20271 (Failure): The user frank connected from 10.81.1.2:1701 but failed an authentication attempt (MsChapV2) due to the following reason: the password is wrong", StringComparison.Ordinal), vpn.Gateway.EngineLog);
        Assert.Contains("Audit 20227 (Failure)", vpn.Clients[0].EngineLog);

        WaitUntil(() => vpn.Gateway.EngineLog.Contains("Audit 547 (Failure)", StringComparison.Ordinal), vpn.Gateway.EngineLog);
        Assert.NotEqual("Connected", new ControlClient(vpn.Clients[1].SocketPath).Call<VpnConnectionStatus>(ControlCommands.GetVpnConnection)!.State);
        Assert.Empty(VpnLab.Sessions(vpn.Gateway));
        Assert.DoesNotContain("frank-password", vpn.Gateway.EngineLog + vpn.Clients[0].EngineLog + vpn.Clients[1].EngineLog, StringComparison.Ordinal);
        Assert.DoesNotContain(VpnLab.PreSharedKey, vpn.Gateway.EngineLog, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_sessions_and_an_exhausted_pool_refuse_the_next_client_with_the_reason()
    {
        var vpn = new VpnLab(lab, clientsBehindNat: 3);
        var settings = VpnLab.GatewaySettings(vpn.Gateway.Interface);
        settings.AddressRange = "10.81.2.100-10.81.2.102"; // the gateway takes .100: two addresses for clients
        settings.MaxSessions = 2;
        VpnLab.ConfigureGateway(vpn.Gateway, settings);
        VpnLab.AddUser(vpn.Gateway, "gina", "gina-password", System.Net.IPAddress.Parse("10.81.2.90"));
        VpnLab.AddUser(vpn.Gateway, "hank", "hank-password");
        VpnLab.AddUser(vpn.Gateway, "ivan", "ivan-password");
        vpn.Gateway.StartEngine();
        VpnLab.ConfigureClient(vpn.Clients[0], "gina", "gina-password");
        VpnLab.ConfigureClient(vpn.Clients[1], "hank", "hank-password");
        vpn.Clients[0].StartEngine();
        vpn.Clients[1].StartEngine();
        Assert.Equal("10.81.2.90", VpnLab.WaitForConnection(vpn.Clients[0], "Connected", TimeSpan.FromSeconds(30)).AssignedAddress);
        VpnLab.WaitForConnection(vpn.Clients[1], "Connected", TimeSpan.FromSeconds(30));
        Assert.True(vpn.Clients[0].Ping(VpnLab.LanHostAddress, TimeSpan.FromSeconds(10)),
            "a static address outside the pool is routed too:\n" + vpn.Gateway.Run("ip", "route").Output + vpn.Gateway.Run("ip", "neigh", "show", "proxy").Output + vpn.Gateway.EngineLog);

        // A third session: MaxSessions (2) refuses the call with a CDN.
        VpnLab.ConfigureClient(vpn.Clients[2], "ivan", "ivan-password");
        vpn.Clients[2].StartEngine();
        WaitUntil(() => vpn.Gateway.EngineLog.Contains("Audit 20280 (Failure): A connection from 10.81.1.2:1701 was refused: the gateway has 2 sessions, its maximum (-MaxSessions)", StringComparison.Ordinal), vpn.Gateway.EngineLog);

        // Room for sessions again, but not for addresses: the pool's last address is hank's, gina's is static.
        settings.MaxSessions = 5;
        settings.AddressRange = "10.81.2.100-10.81.2.101";
        VpnLab.ConfigureGateway(vpn.Gateway, settings);
        new ControlClient(vpn.Gateway.SocketPath).Call(ControlCommands.Sync);
        WaitUntil(() => vpn.Gateway.EngineLog.Contains("was refused: no address is left in the pool", StringComparison.Ordinal), vpn.Clients[2].EngineState + "\n" + vpn.Clients[2].EngineLog);
        Assert.Equal(2, VpnLab.Sessions(vpn.Gateway).Length);
    }

    [Fact]
    public void An_idle_session_is_disconnected_after_idle_disconnect_seconds()
    {
        var vpn = new VpnLab(lab);
        var settings = VpnLab.GatewaySettings(vpn.Gateway.Interface);
        settings.IdleDisconnectSeconds = 3;
        VpnLab.ConfigureGateway(vpn.Gateway, settings);
        VpnLab.AddUser(vpn.Gateway, "judy", "judy-password");
        VpnLab.ConfigureClient(vpn.Client, "judy", "judy-password");
        vpn.Gateway.StartEngine();
        vpn.Client.StartEngine();
        VpnLab.WaitForConnection(vpn.Client, "Connected", TimeSpan.FromSeconds(30));

        WaitUntil(() => vpn.Gateway.EngineLog.Contains("The reason for disconnecting was: idle timeout (-IdleDisconnectSeconds)", StringComparison.Ordinal), vpn.Gateway.EngineLog);
        WaitUntil(() => vpn.Client.EngineLog.Contains("Audit 20226 (Success)", StringComparison.Ordinal), vpn.Client.EngineLog);
    }

    [Fact]
    public void A_client_killed_without_a_word_is_cleaned_up_by_the_keepalives()
    {
        var vpn = new VpnLab(lab);
        VpnLab.ConfigureGateway(vpn.Gateway, VpnLab.GatewaySettings(vpn.Gateway.Interface));
        VpnLab.AddUser(vpn.Gateway, "kate", "kate-password");
        VpnLab.ConfigureClient(vpn.Client, "kate", "kate-password");
        vpn.Gateway.StartEngine();
        vpn.Client.StartEngine();
        VpnLab.WaitForConnection(vpn.Client, "Connected", TimeSpan.FromSeconds(30));

        vpn.Client.KillEngine();

        // LCP echo every 30 s, four unanswered (pppd's lcp-echo-interval 30, lcp-echo-failure 4), or
        // L2TP Hello after 60 s of silence and its retransmissions: whichever notices first.
        WaitUntil(() => VpnLab.Sessions(vpn.Gateway).Length == 0, vpn.Gateway.EngineLog, TimeSpan.FromSeconds(200));
        WaitUntil(() => vpn.Gateway.EngineLog.Contains("Audit 20272 (Success): The user kate", StringComparison.Ordinal), vpn.Gateway.EngineLog);
        Assert.Matches("The reason for disconnecting was: (the client stopped answering \\(LCP echo\\)|the L2TP tunnel or call went down)", vpn.Gateway.EngineLog);
    }

    public void Dispose() => lab.Dispose();

    private static void WaitUntil(Func<bool> condition, string log, TimeSpan? within = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < (within ?? TimeSpan.FromSeconds(15)), log);
            System.Threading.Thread.Sleep(100);
        }
    }
}
