namespace Interop.Vpn;

/// <summary>
/// The plain IPsec policy a host running a third-party L2TP program gets from our engine: what an
/// administrator wrote for racoon or Openswan under xl2tpd (RFC 3193: L2TP, UDP 1701, in ESP
/// transport mode with a pre-shared key), written with the policy cmdlets.
/// </summary>
internal static class L2tpSecurityPolicy
{
    public const string PolicyName = "L2TP over IPsec";

    /// <summary>
    /// Me UDP 1701 to <paramref name="remote"/> (an address: its UDP 1701 only; "Any": any port, what
    /// an LNS answering clients behind NATs needs), mirrored, Negotiate with
    /// <paramref name="quickMode"/> in transport mode, main mode <paramref name="mainMode"/>,
    /// <paramref name="preSharedKey"/>; assigned. The IKE trace is switched on for post-mortems.
    /// </summary>
    public static string Script(string remote, string mainMode, string quickMode, string preSharedKey)
    {
        var remotePort = remote == "Any" ? string.Empty : "-DestinationPort 1701";
        return $"""
            New-IpSecFilterList -Name 'L2TP' -Description 'L2TP between this host and its peer (RFC 3193)' | Out-Null
            New-IpSecFilter -FilterList 'L2TP' -SourceAddress Me -DestinationAddress '{remote}' -Protocol UDP -SourcePort 1701 {remotePort} | Out-Null
            New-IpSecFilterAction -Name 'L2TP security' -Action Negotiate -SecurityMethod '{quickMode}' | Out-Null
            New-IpSecPolicy -Name '{PolicyName}' -MainModeSecurityMethod '{mainMode}' | Out-Null
            $psk = New-IpSecAuthMethod -PreSharedKey {VpnInteropLab.SecureString(preSharedKey)}
            New-IpSecRule -Policy '{PolicyName}' -Name 'L2TP' -FilterList 'L2TP' -FilterAction 'L2TP security' -AuthMethod $psk | Out-Null
            Set-IpSecConfiguration -IkeLogging
            Enable-IpSecPolicy -Name '{PolicyName}'
            """;
    }
}
