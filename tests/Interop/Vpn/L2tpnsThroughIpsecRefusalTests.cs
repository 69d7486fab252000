using System;
using System.Linq;
using Interop.Peers;
using IpSecPolicy.Model.Objects;
using Xunit.Abstractions;

namespace Interop.Vpn;

/// <summary>
/// Our VPN client against l2tpns through IPsec with a password l2tpns' RADIUS refuses. l2tpns 2.4.1
/// sends no PAP Authenticate-Nak or CHAP Failure: it clears the call (CDN result 3) while our PPP is
/// authenticating. The connection must end Failed with a reason that says so, and not dial again.
/// (A class of its own so that xunit runs it beside <see cref="L2tpnsThroughIpsecTests"/>.)
/// </summary>
public sealed class L2tpnsThroughIpsecRefusalTests
{
    private readonly ITestOutputHelper output;

    public L2tpnsThroughIpsecRefusalTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public void A_wrong_password_ends_the_connection_failed_with_the_reason()
    {
        using var lab = new L2tpnsVpnLab("chap");
        var client = lab.Lab.Ours;
        var shown = lab.Connect(VpnAuthenticationMethod.Chap, "not the password", timeoutSeconds: 15);

        Assert.Contains(lab.RadiusExchanges("Access-Request"), e => e.UserName == L2tpnsVpnLab.UserName && e.Answer == "Access-Reject");
        Assert.True(lab.L2tpns.WaitForLog($"Authentication rejected for {L2tpnsVpnLab.UserName}", TimeSpan.FromSeconds(5)), lab.Diagnostics());
        var connection = VpnInteropLab.WaitForConnection(client, "Failed", TimeSpan.FromSeconds(5), () => shown + "\n" + lab.Diagnostics());
        Assert.Contains("authentication failed (Chap): the gateway cleared the call during PPP authentication", connection.LastError, StringComparison.Ordinal);
        Assert.Contains("password was probably refused", connection.LastError, StringComparison.Ordinal);
        Assert.Contains("error id: VpnConnectionFailed,", shown, StringComparison.Ordinal);
        Assert.Contains(client.EngineLogLines("Audit 20227 (Failure)"), line => line.Contains("password was probably refused", StringComparison.Ordinal));
        Assert.Null(connection.AssignedAddress);

        // Our client hangs up: its StopCCN reaches l2tpns through ESP like everything else.
        Assert.True(lab.L2tpns.WaitForLog("Received StopCCN", TimeSpan.FromSeconds(5)), "l2tpns got no StopCCN\n" + lab.Diagnostics());
        var keys = Scenarios.WireEvidence.ExportKeys(client);
        var wire = VpnWire.AssertL2tpOnlyInsideEsp(lab.Lab.Capture, keys, VpnInteropLab.OurAddress, VpnInteropLab.PeerAddress);
        output.WriteLine($"{L2tpnsPeer.Version}, wrong password: {connection.State}, LastError: {connection.LastError}");
        output.WriteLine(shown);
        output.WriteLine(wire);
        output.WriteLine(string.Join("\n", client.EngineLogLines("VPN connection to")));
        output.WriteLine(string.Join("\n", client.EngineLogLines("Audit 20227")));
    }
}
