using System;
using System.Linq;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Objects;

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
        Assert.True(vpn.Client.TcpRequest(VpnLab.LanHostAddress, 7100), vpn.Gateway.EngineLog);
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

    public void Dispose() => lab.Dispose();

    private static void WaitUntil(Func<bool> condition, string log)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), log);
            System.Threading.Thread.Sleep(100);
        }
    }
}
