namespace Engine.Host.Tests.Scenarios;

/// <summary>The policies the scenarios assign, as the scripts an administrator would run.</summary>
internal static class ScenarioPolicies
{
    private const string Key = "$psk = New-IpSecAuthMethod -PreSharedKey ([System.Net.NetworkCredential]::new('', 'lab pre-shared key').SecurePassword)";

    /// <summary>Host-to-host transport mode with a partner (examples/partner-host-to-host.ps1).</summary>
    public static string Partner(string partner, string securityMethods = "'ESP[AES256,SHA256]'", bool pfs = false) => $"""
        New-IpSecFilterList -Name 'Partner traffic' | Out-Null
        New-IpSecFilter -FilterList 'Partner traffic' -SourceAddress Me -DestinationAddress '{partner}' | Out-Null
        New-IpSecFilterAction -Name 'Partner security' -Action Negotiate -SecurityMethod {securityMethods} {(pfs ? "-SessionKeyPfs" : string.Empty)} | Out-Null
        New-IpSecPolicy -Name 'Partner' -MainModeSecurityMethod 'AES256-SHA256-14', 'AES128-SHA1-14' | Out-Null
        {Key}
        New-IpSecRule -Policy 'Partner' -Name 'Partner server' -FilterList 'Partner traffic' -FilterAction 'Partner security' -AuthMethod $psk | Out-Null
        Enable-IpSecPolicy -Name 'Partner'
        """;

    /// <summary>
    /// Site-to-site tunnel mode between two gateways (examples/site-to-site-tunnel.ps1): one rule
    /// per direction, each with a one-way filter list and the far gateway as tunnel endpoint.
    /// </summary>
    public static string SiteToSite(string localSubnet, string remoteSubnet, string localGateway, string remoteGateway) => $"""
        New-IpSecFilterList -Name 'Outbound' | Out-Null
        New-IpSecFilter -FilterList 'Outbound' -SourceAddress '{localSubnet}' -DestinationAddress '{remoteSubnet}' -Mirrored $false | Out-Null
        New-IpSecFilterList -Name 'Inbound' | Out-Null
        New-IpSecFilter -FilterList 'Inbound' -SourceAddress '{remoteSubnet}' -DestinationAddress '{localSubnet}' -Mirrored $false | Out-Null
        New-IpSecFilterAction -Name 'Tunnel security' -Action Negotiate -SecurityMethod 'ESP[AESGCM256,None]', 'ESP[AES256,SHA256]' -SessionKeyPfs | Out-Null
        New-IpSecPolicy -Name 'Site-to-site' -MainModeSecurityMethod 'AES256-SHA256-14' | Out-Null
        {Key}
        New-IpSecRule -Policy 'Site-to-site' -Name 'Outbound' -FilterList 'Outbound' -FilterAction 'Tunnel security' -AuthMethod $psk -TunnelEndpoint '{remoteGateway}' | Out-Null
        New-IpSecRule -Policy 'Site-to-site' -Name 'Inbound' -FilterList 'Inbound' -FilterAction 'Tunnel security' -AuthMethod $psk -TunnelEndpoint '{localGateway}' | Out-Null
        Enable-IpSecPolicy -Name 'Site-to-site'
        """;

    /// <summary>
    /// One of the three predefined policies, its Kerberos rules switched to the lab's pre-shared
    /// key (this engine authenticates with pre-shared keys), then assigned.
    /// </summary>
    public static string Predefined(string policy) => $"""
        {Key}
        Get-IpSecRule -Policy '{policy}' | Where-Object {"{"} $_.FilterAction -ne 'Permit' {"}"} | Set-IpSecRule -AuthMethod $psk
        Set-IpSecDefaultResponseRule -Policy '{policy}' -AuthMethod $psk
        Enable-IpSecPolicy -Name '{policy}'
        """;
}
