using System.Collections.Generic;
using System.Linq;

namespace Interop.Scenarios;

/// <summary>The engine's side of each scenario, written as an administrator would: cmdlets run by ipsecpolicy-shell.</summary>
internal static class OurPolicies
{
    /// <summary>The key both sides share (strongSwan's <see cref="Peers.SwanctlConnection.Secret"/> by default).</summary>
    public const string Secret = "interop pre-shared key 0123456789";

    /// <summary>
    /// A host-to-host tunnel the Windows way (examples/site-to-site-tunnel.ps1 with single
    /// addresses): two one-way rules, Me to the peer with the peer as tunnel endpoint, the peer to
    /// Me with this host as tunnel endpoint. <paramref name="peer"/> is the address the peer's traffic
    /// comes from (its inside address when it is behind a NAT), <paramref name="peerGateway"/> where
    /// its IKE and ESP come from (the NAT's public address then).
    /// </summary>
    public static string HostToHostTunnel(string me, string peer, string? peerGateway = null, IEnumerable<string>? mainMode = null,
        IEnumerable<string>? quickMode = null, bool pfs = false, string secret = Secret) =>
        Tunnel("Me", peer, me, peerGateway ?? peer, mainMode, quickMode, pfs, secret);

    /// <summary>A site-to-site tunnel between two subnets through two gateways (examples/site-to-site-tunnel.ps1).</summary>
    public static string SiteToSite(string localSubnet, string remoteSubnet, string localGateway, string remoteGateway,
        IEnumerable<string>? mainMode = null, IEnumerable<string>? quickMode = null, bool pfs = false) =>
        Tunnel(localSubnet, remoteSubnet, localGateway, remoteGateway, mainMode, quickMode, pfs, Secret);

    private static string Tunnel(string local, string remote, string localGateway, string remoteGateway, IEnumerable<string>? mainMode,
        IEnumerable<string>? quickMode, bool pfs, string secret) => $"""
        New-IpSecFilterList -Name 'To the peer' | Out-Null
        New-IpSecFilter -FilterList 'To the peer' -SourceAddress '{local}' -DestinationAddress '{remote}' -Mirrored $false | Out-Null
        New-IpSecFilterList -Name 'From the peer' | Out-Null
        New-IpSecFilter -FilterList 'From the peer' -SourceAddress '{remote}' -DestinationAddress '{local}' -Mirrored $false | Out-Null
        New-IpSecFilterAction -Name 'Tunnel security' -Action Negotiate -SecurityMethod {List(quickMode ?? ["ESP[AES128,SHA1]"])} {(pfs ? "-SessionKeyPfs" : string.Empty)} | Out-Null
        New-IpSecPolicy -Name 'Interop' -MainModeSecurityMethod {List(mainMode ?? ["AES128-SHA1-14"])} | Out-Null
        $psk = New-IpSecAuthMethod -PreSharedKey ([System.Net.NetworkCredential]::new('', '{secret}').SecurePassword)
        New-IpSecRule -Policy 'Interop' -Name 'Outbound' -FilterList 'To the peer' -FilterAction 'Tunnel security' -AuthMethod $psk -TunnelEndpoint '{remoteGateway}' | Out-Null
        New-IpSecRule -Policy 'Interop' -Name 'Inbound' -FilterList 'From the peer' -FilterAction 'Tunnel security' -AuthMethod $psk -TunnelEndpoint '{localGateway}' | Out-Null
        Set-IpSecConfiguration -IkeLogging
        Enable-IpSecPolicy -Name 'Interop'
        """;

    private static string List(IEnumerable<string> methods) => string.Join(", ", methods.Select(m => $"'{m}'"));
}
