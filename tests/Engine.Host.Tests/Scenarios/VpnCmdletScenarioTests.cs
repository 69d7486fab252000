using System;
using System.IO;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// The VPN cmdlets and the example scripts against real engines in namespaces: what an
/// administrator types, start to finish.
/// </summary>
public sealed class VpnCmdletScenarioTests : IDisposable
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples");
    private readonly Lab lab = new();

    [Fact]
    public void Cmdlets_start_the_gateway_connect_a_client_show_and_disconnect_the_session_and_stop()
    {
        var vpn = new VpnLab(lab);
        vpn.Gateway.StartEngine();
        vpn.Client.StartEngine();
        const string Secure = "function S([string] $t) { [System.Net.NetworkCredential]::new('', $t).SecurePassword }\n";
        var gateway = vpn.Gateway.RunScript(Secure + $"""
            Add-VpnUser -Name kim -Password (S 'kim-password') | Out-Null
            Start-VpnGateway -InterfaceAlias {vpn.Gateway.Interface} -AddressRange {VpnLab.Pool} -DnsServer 10.81.2.53 -PreSharedKey (S 'cmdlet-key') -AuthenticationMethod MsChapV2,Chap | Out-Default
            (Get-VpnGateway).State
            """);
        Assert.Contains("Running", gateway, StringComparison.Ordinal);

        var client = vpn.Client.RunScript(Secure + $"""
            $c = Connect-VpnGateway -ServerAddress {VpnLab.GatewayAddress} -PreSharedKey (S 'cmdlet-key') -UserName kim -Password (S 'kim-password') -ProposalProfile MacOS -Wait -TimeoutSeconds 45
            "state=$($c.State) address=$($c.AssignedAddress) dns=$($c.DnsServers -join ',')"
            """);
        Assert.Contains("state=Connected address=10.81.2.101 dns=10.81.2.53", client, StringComparison.Ordinal);
        Assert.True(vpn.Client.Ping(VpnLab.LanHostAddress, TimeSpan.FromSeconds(10)), vpn.Client.EngineLog);

        var sessions = vpn.Gateway.RunScript("""
            $s = Get-VpnSession -UserName kim
            "user=$($s.UserName) client=$($s.ClientAddress):$($s.ClientPort) address=$($s.AssignedAddress) sa=$([int]($s.QuickModeSaId -gt 0))"
            Get-VpnSession | Out-Default
            Get-VpnSession -UserName kim | Disconnect-VpnSession -Confirm:$false -PassThru | Out-Null
            Start-Sleep -Seconds 1
            "left=$(@(Get-VpnSession).Count)"
            Start-Sleep -Seconds 1
            "events: $(@(Get-IpSecEvent -Id 20272).Message -join ' | ')"
            """);
        Assert.Contains("user=kim client=10.81.1.2:1701 address=10.81.2.101 sa=1", sessions, StringComparison.Ordinal);
        Assert.Contains("left=0", sessions, StringComparison.Ordinal);
        Assert.True(sessions.Contains("disconnected by the administrator", StringComparison.Ordinal), sessions);
        Assert.DoesNotContain("kim-password", sessions + client + gateway + vpn.Gateway.EngineLog + vpn.Client.EngineLog, StringComparison.Ordinal);
        Assert.DoesNotContain("cmdlet-key", sessions + client + gateway + vpn.Gateway.EngineLog + vpn.Client.EngineLog, StringComparison.Ordinal);

        var stopped = vpn.Gateway.RunScript("""
            Stop-VpnGateway -Confirm:$false
            "state=$((Get-VpnGateway).State) policy=$(@(Get-IpSecPolicy -Name 'VPN gateway*').Count)"
            """);
        Assert.Contains("state=Stopped policy=0", stopped, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_scripts_set_up_a_gateway_and_a_client_that_connects_and_hangs_up()
    {
        var vpn = new VpnLab(lab);
        vpn.Gateway.StartEngine();
        vpn.Client.StartEngine();
        vpn.Gateway.RunScript($"& '{Path.Combine(Examples, "vpn-gateway.ps1")}' -InterfaceAlias {vpn.Gateway.Interface} -AddressRange {VpnLab.Pool} | Out-Null");
        var client = vpn.Client.RunScript($"& '{Path.Combine(Examples, "vpn-client.ps1")}' -ServerAddress {VpnLab.GatewayAddress} -InterfaceAlias {vpn.Client.Interface}");

        Assert.Contains("Connected", client, StringComparison.Ordinal);
        Assert.Contains("10.81.2.101", client, StringComparison.Ordinal);
        Assert.Contains("Audit 20274 (Success): The user alice", vpn.Gateway.EngineLog, StringComparison.Ordinal);
    }

    public void Dispose() => lab.Dispose();
}
