using System;
using System.IO;
using System.Linq;
using Engine.Host.Tests.Support;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// The README's main job (ipsecpolicy-shell with no script): the engine demo, then the L2TP/IPsec
/// gateway demo, each end to end, leaving nothing behind; and the gateway demo on its own.
/// </summary>
public sealed class EngineDemoTests
{
    private static readonly string Shell = Path.Combine(AppContext.BaseDirectory, "ipsecpolicy-shell.dll");

    [Fact]
    public void The_main_job_runs_the_engine_demo_then_the_gateway_demo_and_cleans_up()
    {
        Assert.True(Environment.IsPrivilegedProcess, "The demos need root; run the tests as root.");

        var (code, output) = Command.Run("dotnet", new[] { Shell }, timeout: TimeSpan.FromMinutes(5));

        Assert.True(code == 0, output);
        AssertEngineDemo(output);
        AssertGatewayDemo(output);
        Assert.True(output.IndexOf("Get-IpSecQuickModeSA", StringComparison.Ordinal) < output.IndexOf("Start-VpnGateway", StringComparison.Ordinal), output);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("Removing the namespaces", StringComparison.Ordinal)));
        Assert.DoesNotContain("ipsecpolicy-demo-", Command.Check("ip", "netns", "list"));
    }

    [Fact]
    public void The_gateway_demo_alone_connects_a_client_to_the_lan_shows_and_ends_the_session_and_cleans_up()
    {
        Assert.True(Environment.IsPrivilegedProcess, "The demos need root; run the tests as root.");

        var (code, output) = Command.Run("dotnet", new[] { Shell, "--vpn-gateway-demo" }, timeout: TimeSpan.FromMinutes(3));

        Assert.True(code == 0, output);
        AssertGatewayDemo(output);
        Assert.DoesNotContain("192.0.2.", output);
        Assert.DoesNotContain("ipsecpolicy-demo-", Command.Check("ip", "netns", "list"));
    }

    private static void AssertEngineDemo(string output)
    {
        // The first ping waits for IKE; it may be lost at the responder just before quick mode 3 installs the SA.
        Assert.InRange(output.Split('\n').Count(l => l.StartsWith("ping 192.0.2.2 : Success", StringComparison.Ordinal)), 4, 5);
        Assert.Contains("Established Initiator AES256-SHA256-14", output);
        Assert.Matches(@"1 192\.0\.2\.2\s+Partner server\s+Transport ESP\[AES256,SHA256\]", output);
        Assert.Contains("Removing the namespaces", output);
    }

    private static void AssertGatewayDemo(string output)
    {
        // The gateway: its user, its status (the pool's first address is its own), the generated rule.
        Assert.Contains("PS> Add-VpnUser -Name alice -Password $password", output);
        Assert.Matches(@"Local Address\s+: 192\.168\.1\.100", output);
        Assert.Matches(@"L2TP/IPsec clients\s+L2TP/IPsec clients", output);

        // The client: connected with the pool's next address, which reaches the LAN host unchanged.
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("ping 192.168.1.20 : Success", StringComparison.Ordinal)));
        Assert.Contains("'hello over TCP' received over TCP from 192.168.1.101:", output);
        Assert.Contains("'hello over UDP' received over UDP from 192.168.1.101:", output);
        Assert.Matches(@"State\s+: Connected", output);
        Assert.Matches(@"Assigned Address\s+: 192\.168\.1\.101", output);
        Assert.Matches(@"Routes\s+: 192\.168\.1\.0/24", output);

        // The gateway's session (Get-VpnSession) over an ESP transport SA, then ended and audited on both sides.
        Assert.Matches(@"1 alice\s+203\.0\.113\.2:1701\s+192\.168\.1\.101", output);
        Assert.Matches(@"203\.0\.113\.2\s+L2TP/IPsec clients\s+Transport ESP\[", output);
        Assert.Contains("20274 Audit Success The user alice connected from 203.0.113.2:1701 has been assigned address 192.168.1.101.", output);
        Assert.Contains("20272 Audit Success The user alice connected from 203.0.113.2:1701 with address 192.168.1.101 disconnected.", output);
        Assert.Contains("20225 Audit Success The user alice connected to the VPN gateway 203.0.113.1", output);
        Assert.Contains("20226 Audit Success The connection of alice to the VPN gateway 203.0.113.1 was terminated", output);
        Assert.Contains("PS> Disconnect-VpnGateway", output);

        // The demo's secrets are never printed.
        Assert.DoesNotContain("gateway demo password", output);
        Assert.DoesNotContain("gateway demo pre-shared key", output);
        Assert.Contains("Removing the namespaces, their engines' state and the stores.", output);
    }
}
