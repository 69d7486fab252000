using System;
using System.Linq;
using Interop.L2tp;
using Interop.Peers;
using Interop.Scenarios;
using Interop.Support;
using Xunit.Abstractions;

namespace Interop.Vpn;

/// <summary>
/// xl2tpd as the L2TP client (LAC) of our VPN gateway, through IPsec: the gateway's namespace runs
/// our engine made a gateway by Add-VpnUser and Start-VpnGateway; the client's namespace runs
/// xl2tpd on top of our engine with a plain L2TP/IPsec policy (what kernel IPsec did under xl2tpd
/// on Linux), so xl2tpd's datagrams reach the gateway only as ESP. The control connection and the
/// call come up on the gateway; xl2tpd's pppd dies on this kernel and xl2tpd clears the call with a
/// CDN; its StopCCN ("d NAME" into its control pipe) closes the tunnel. On the wire only IKE and ESP; decrypted with the keys the
/// gateway exports, everything decodes as L2TP and PPP without a malformed frame.
/// </summary>
public sealed class Xl2tpdThroughIpsecTests
{
    private const string LacSection = "gateway";

    private readonly ITestOutputHelper output;

    public Xl2tpdThroughIpsecTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public void Xl2tpd_through_our_esp_brings_up_a_tunnel_and_a_call_on_our_gateway_and_clears_the_call_when_pppd_dies()
    {
        using var lab = new VpnInteropLab("gw", "lac");
        var gateway = lab.Ours;
        var client = lab.PeerHost;
        gateway.StartEngine();
        gateway.RunScript($"""
            Add-VpnUser -Name alice -Password {VpnInteropLab.SecureString("alice-password")} | Out-Null
            Start-VpnGateway -InterfaceAlias '{gateway.Interface}' -AddressRange 10.84.0.10-10.84.0.20 -AuthenticationMethod Chap, Pap `
                -PreSharedKey {VpnInteropLab.SecureString(VpnInteropLab.PreSharedKey)} | Out-Null
            """);
        Assert.True(gateway.WaitForEngineLog("VPN gateway serving L2TP/IPsec on " + VpnInteropLab.OurAddress, TimeSpan.FromSeconds(10)), gateway.EngineLog);

        // The Windows 10 client's first main mode and quick mode offers that are not the gateway's first choice.
        client.RunScript(L2tpSecurityPolicy.Script(VpnInteropLab.OurAddress, "AES256-SHA1-14", "ESP[AES256,SHA1]", VpnInteropLab.PreSharedKey));
        client.StartEngine();
        var xl2tpd = lab.Lab.Own(new Xl2tpdPeer(client));
        xl2tpd.StartLac(VpnInteropLab.PeerAddress, LacSection, VpnInteropLab.OurAddress);
        string Diagnostics() => $"{lab.EngineLogs()}\n----- xl2tpd:\n{xl2tpd.Log}\n----- pppd:\n{xl2tpd.PppdLog}";

        xl2tpd.Dial(LacSection);
        var peer = $"{VpnInteropLab.PeerAddress}:1701";
        Assert.True(Wait.Until(() => gateway.EngineLog.Contains($"call from {peer} up, PPP starts", StringComparison.Ordinal), TimeSpan.FromSeconds(15)),
            "no call from xl2tpd up on the gateway\n" + Diagnostics());
        var tunnelUp = OneLine(gateway, $" {peer} (Established): up (xl2tpd-lac, xelerance.com)");
        var callUp = OneLine(gateway, $"call from {peer} up, PPP starts");
        Assert.All(new[] { tunnelUp, callUp }, line => Assert.Contains("VpnService[4006] L2TP ", line, StringComparison.Ordinal));

        // xl2tpd hands the call to pppd, which cannot open /dev/ppp here; xl2tpd clears the call with a CDN.
        Assert.True(gateway.WaitForEngineLog($"from {peer} ended: the L2TP tunnel or call went down", TimeSpan.FromSeconds(15)),
            "the gateway's session did not end after xl2tpd's CDN\n" + Diagnostics());
        Assert.Contains("/dev/ppp", xl2tpd.PppdLog + xl2tpd.Log, StringComparison.Ordinal);
        Assert.Empty(VpnInteropLab.Sessions(gateway));
        var keys = WireEvidence.ExportKeys(gateway);

        // xl2tpd keeps the tunnel; disconnected through its control pipe, it sends StopCCN, which the gateway accepts.
        xl2tpd.Disconnect(LacSection);
        Assert.True(gateway.WaitForEngineLog("down: PeerRequest: the peer stopped the tunnel", TimeSpan.FromSeconds(10)),
            "the gateway did not close the tunnel on xl2tpd's StopCCN\n" + Diagnostics());
        var tunnelDown = OneLine(gateway, "): down: ");
        Assert.Contains($" {peer} (", tunnelDown, StringComparison.Ordinal);

        // The CDN as tshark decrypts it: from xl2tpd, result code 1 (RFC 2661 section 4.4.2: lost carrier).
        var cdn = lab.Capture.Fields(keys, $"ip.src == {VpnInteropLab.PeerAddress} && l2tp.avp.message_type == 14", "frame.number", "l2tp.result_code");
        Assert.True(cdn.Count == 1 && cdn[0].Split('\t')[1] == "1", "xl2tpd's CDN (result 1) in the decrypted capture: " + string.Join(" | ", cdn));
        var wire = VpnWire.AssertL2tpOnlyInsideEsp(lab.Capture, keys, VpnInteropLab.OurAddress, VpnInteropLab.PeerAddress);
        var callAfterIpsec = VpnInteropLab.Between(gateway, "Mode: Data Protection Mode (Quick Mode)", "PPP starts");

        output.WriteLine($"{Xl2tpdPeer.Version} as LAC through our ESP against our gateway; the call up {callAfterIpsec.TotalMilliseconds:0} ms after quick mode:");
        output.WriteLine(tunnelUp);
        output.WriteLine(callUp);
        output.WriteLine(string.Join("\n", gateway.EngineLogLines("VPN session")));
        output.WriteLine(tunnelDown);
        output.WriteLine(wire);
        output.WriteLine(string.Join("\n", xl2tpd.LogLines("/dev/ppp").Take(1)));
    }

    /// <summary>The one engine log line of <paramref name="host"/> containing <paramref name="text"/>; fails with the log otherwise.</summary>
    private static string OneLine(Labs.LabHost host, string text)
    {
        var lines = host.EngineLogLines(text);
        Assert.True(lines.Count == 1, $"{lines.Count} lines in the engine log of {host.Name} contain \"{text}\":\n{host.EngineLog}");
        return lines[0];
    }
}
