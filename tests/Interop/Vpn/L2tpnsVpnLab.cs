using System;
using System.Linq;
using System.Net;
using Interop.L2tp;
using Interop.Peers;
using IpSecPolicy.Model.Objects;

namespace Interop.Vpn;

/// <summary>
/// Our VPN client (the engine with Connect-VpnGateway) in one namespace; in the other l2tpns as LNS
/// with the RADIUS stand-in beside it (one user, alice) AND our engine as its IPsec, a plain policy
/// securing UDP 1701 (Me to Any, transport, the pre-shared key): l2tpns receives the decrypted L2TP
/// through our engine's TUN device and its answers leave as ESP. l2tpns hands out 10.10.10.0/24 and
/// two DNS servers, and its own PPP address is 10.10.9.1 (its TUN device's), which the client's
/// classful route (10.0.0.0/8) sends through the PPP link.
/// </summary>
internal sealed class L2tpnsVpnLab : IDisposable
{
    public const string UserName = "alice";
    public const string Password = "wonderland";
    public const string RadiusSecret = "vpi-radius-secret";
    public const string Pool = "10.10.10.0/24";
    public const string L2tpnsPppAddress = "10.10.9.1";
    public static readonly IPAddress PrimaryDns = IPAddress.Parse("192.0.2.53");
    public static readonly IPAddress SecondaryDns = IPAddress.Parse("192.0.2.54");

    /// <summary>What the l2tpns host's engine accepts: the Default profile's first main mode and quick mode offers.</summary>
    public const string MainMode = "AES256-SHA256-14";
    public const string QuickMode = "ESP[AES256,SHA256]";

    private readonly VpnInteropLab lab = new("cl", "lns");

    /// <param name="authenticationTypes">l2tpns' radius_authtypes: "pap" or "chap" (what it asks for in LCP).</param>
    public L2tpnsVpnLab(string authenticationTypes)
    {
        try
        {
            var host = lab.PeerHost;
            Radius = lab.Lab.Own(new RadiusStandIn(host.Name, IPAddress.Parse(VpnInteropLab.PeerAddress), RadiusSecret, UserName, Password));
            L2tpns = lab.Lab.Own(new L2tpnsPeer(host));
            L2tpns.Start(VpnInteropLab.PeerAddress, VpnInteropLab.PeerAddress, RadiusSecret, authenticationTypes, Pool, PrimaryDns.ToString(), SecondaryDns.ToString(),
                $"set iftun_address {L2tpnsPppAddress}\nset peer_address {L2tpnsPppAddress}");
            host.RunScript(L2tpSecurityPolicy.Script("Any", MainMode, QuickMode, VpnInteropLab.PreSharedKey));
            host.StartEngine();
            lab.Ours.StartEngine();
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public VpnInteropLab Lab => lab;

    public L2tpnsPeer L2tpns { get; }

    public RadiusStandIn Radius { get; }

    /// <summary>
    /// Connect-VpnGateway -Wait through ipsecpolicy-shell in the client's namespace, with
    /// <paramref name="method"/> and <paramref name="password"/>, then Get-VpnConnection: the shell's
    /// output, with an "error id: ..." line for each error Connect-VpnGateway wrote.
    /// </summary>
    public string Connect(VpnAuthenticationMethod method, string password, int timeoutSeconds = 20) => lab.Ours.RunScript($$"""
        Connect-VpnGateway -ServerAddress {{VpnInteropLab.PeerAddress}} -UserName {{UserName}} -Password {{VpnInteropLab.SecureString(password)}} `
            -PreSharedKey {{VpnInteropLab.SecureString(VpnInteropLab.PreSharedKey)}} -AuthenticationMethod {{method}} `
            -InterfaceAlias '{{lab.Ours.Interface}}' -Wait -TimeoutSeconds {{timeoutSeconds}} -ErrorVariable failures | Out-Null
        Get-VpnConnection
        foreach ($failure in $failures) { "error id: $($failure.FullyQualifiedErrorId)" }
        """);

    /// <summary>Both engines' logs, the RADIUS exchanges and l2tpns' log, for assertion messages.</summary>
    public string Diagnostics() =>
        $"{lab.EngineLogs()}\n----- RADIUS stand-in ({Radius.Discarded} discarded):\n{string.Join("\n", Radius.Exchanges)}\n----- l2tpns log:\n{L2tpns.Log}";

    /// <summary>The RADIUS exchanges of one kind, for the assertions.</summary>
    public RadiusExchange[] RadiusExchanges(string request) => Radius.Exchanges.Where(e => e.Request == request).ToArray();

    public void Dispose() => lab.Dispose();
}
