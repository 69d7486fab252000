using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Interop.Peers;
using Interop.Support;
using IpSecPolicy.Model.Objects;
using Xunit.Abstractions;

namespace Interop.Vpn;

/// <summary>
/// Our VPN client (Connect-VpnGateway) against l2tpns, through IPsec: IKE and ESP transport with our
/// engine in front of l2tpns, L2TP tunnel and call, LCP, PAP or CHAP-MD5 through l2tpns' RADIUS,
/// IPCP with an address from l2tpns' pool and its DNS servers, ICMP from the client's namespace to
/// l2tpns' PPP address answered through the link, and Disconnect-VpnGateway ending it all cleanly.
/// On the wire only IKE and ESP; decrypted with the client's keys, every L2TP and PPP frame we sent
/// decodes clean in tshark. (A wrong password: <see cref="L2tpnsThroughIpsecRefusalTests"/>.)
/// </summary>
public sealed class L2tpnsThroughIpsecTests
{
    private readonly ITestOutputHelper output;

    public L2tpnsThroughIpsecTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Theory]
    [InlineData("pap", VpnAuthenticationMethod.Pap)]
    [InlineData("chap", VpnAuthenticationMethod.Chap)]
    public void Our_client_connects_through_ipsec_to_l2tpns_gets_an_address_and_pings_it(string l2tpnsAuthentication, VpnAuthenticationMethod method)
    {
        using var lab = new L2tpnsVpnLab(l2tpnsAuthentication);
        var client = lab.Lab.Ours;
        var shown = lab.Connect(method, L2tpnsVpnLab.Password);

        var connection = VpnInteropLab.Connection(client);
        Assert.True(connection.State == "Connected", $"the connection is {connection.State} ({connection.LastError}):\n{shown}\n{lab.Diagnostics()}");
        Assert.Equal(method.ToString(), connection.AuthenticationMethod);
        Assert.StartsWith("10.10.10.", connection.AssignedAddress, StringComparison.Ordinal);
        Assert.Equal(L2tpnsVpnLab.L2tpnsPppAddress, connection.GatewayAddress);
        Assert.Equal([L2tpnsVpnLab.PrimaryDns.ToString(), L2tpnsVpnLab.SecondaryDns.ToString()], connection.DnsServers);
        Assert.Contains("Connected", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("error id:", shown, StringComparison.Ordinal);
        Assert.Contains(connection.AssignedAddress!, shown, StringComparison.Ordinal);
        var radiusMethod = method == VpnAuthenticationMethod.Pap ? "PAP" : "CHAP";
        Assert.Contains(lab.RadiusExchanges("Access-Request"), e => e.UserName == L2tpnsVpnLab.UserName && e.Detail == radiusMethod && e.Answer == "Access-Accept");

        // ICMP from the client's namespace to l2tpns' PPP address: the classful route through our TUN device, PPP, L2TP, ESP; l2tpns' host answers.
        var answered = client.PingCount(L2tpnsVpnLab.L2tpnsPppAddress, 3);
        Assert.True(answered == 3, $"{answered} of 3 echoes to {L2tpnsVpnLab.L2tpnsPppAddress} answered through the PPP link\n" +
            client.Run("ip", "route").Output + lab.Diagnostics());
        var afterPing = VpnInteropLab.Connection(client);
        Assert.True(afterPing.PacketsOut >= 3 && afterPing.PacketsIn >= 3, $"PPP counters: {afterPing.PacketsOut} packets out, {afterPing.PacketsIn} in");

        // The keys while the SAs are up, then Disconnect-VpnGateway: LCP Terminate-Request and
        // StopCCN through the SAs, then the connection's policy and its SAs go.
        var keys = Path.Combine(client.Scratch, "wireshark-keys");
        client.RunScript($"""
            Export-IpSecWiresharkKey -Path '{keys}' -Force | Out-Null
            Disconnect-VpnGateway -Confirm:$false
            """);
        Assert.True(lab.L2tpns.WaitForLog("Received StopCCN", TimeSpan.FromSeconds(5)), "l2tpns got no StopCCN\n" + lab.Diagnostics());
        Assert.True(Wait.Until(() => lab.RadiusExchanges("Accounting-Request").Any(e => e.Detail == "Stop"), TimeSpan.FromSeconds(5)),
            "no accounting Stop from l2tpns\n" + lab.Diagnostics());
        var terminate = lab.Lab.Capture.Fields(keys, $"ip.src == {VpnInteropLab.OurAddress} && lcp && ppp.code == 5", "frame.number");
        Assert.True(terminate.Count >= 1, "no LCP Terminate-Request from our client in the decrypted capture");

        var wire = VpnWire.AssertL2tpOnlyInsideEsp(lab.Lab.Capture, keys, VpnInteropLab.OurAddress, VpnInteropLab.PeerAddress);
        var dialled = VpnInteropLab.Between(client, "VPN connection to 10.83.0.2: Connecting", "VPN connection to 10.83.0.2: Connected");
        var ipsec = VpnInteropLab.Between(client, "VPN connection to 10.83.0.2: Connecting", "Mode: Data Protection Mode (Quick Mode)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Connecting to Connected in {dialled.TotalMilliseconds:0} ms, of which IKE main and quick mode {ipsec.TotalMilliseconds:0} ms"));
        output.WriteLine($"{L2tpnsPeer.Version} behind our engine, our client with {method}: {connection.AssignedAddress} from l2tpns' pool, " +
            $"gateway {connection.GatewayAddress}, DNS {string.Join(", ", connection.DnsServers)}, {answered}/3 echoes answered, " +
            string.Create(CultureInfo.InvariantCulture, $"{afterPing.PacketsOut} packets out and {afterPing.PacketsIn} in over PPP"));
        output.WriteLine(shown);
        output.WriteLine(wire);
        output.WriteLine(string.Join("\n", client.EngineLogLines("VPN connection to")));
        output.WriteLine(string.Join("\n", lab.Radius.Exchanges));
    }
}
