# Server and domain isolation, Windows style: a boundary host requests security but talks to
# anyone (Request Security = inpass + fall back to clear); an isolated server requires it. Both
# permit ICMP and SNMP in the clear so monitoring keeps working.
param(
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Example key: change me').SecurePassword
)

New-IpSecFilterList -Name 'SNMP' -Description 'SNMP and traps, both ways' | Out-Null
New-IpSecFilter -FilterList 'SNMP' -SourceAddress Me -DestinationAddress Any -Protocol UDP -SourcePort 161 | Out-Null
New-IpSecFilter -FilterList 'SNMP' -SourceAddress Me -DestinationAddress Any -Protocol UDP -DestinationPort 162 | Out-Null

$auth = New-IpSecAuthMethod -PreSharedKey $PreSharedKey
foreach ($role in @(
        @{ Policy = 'Boundary host'; Action = 'Request Security (Optional)' },
        @{ Policy = 'Isolated server'; Action = 'Require Security' })) {
    New-IpSecPolicy -Name $role.Policy | Out-Null
    New-IpSecRule -Policy $role.Policy -Name 'All IP traffic' -FilterList 'All IP Traffic' -FilterAction $role.Action -AuthMethod $auth | Out-Null
    New-IpSecRule -Policy $role.Policy -Name 'ICMP' -FilterList 'All ICMP Traffic' -FilterAction 'Permit' | Out-Null
    New-IpSecRule -Policy $role.Policy -Name 'SNMP' -FilterList 'SNMP' -FilterAction 'Permit' | Out-Null
}

Enable-IpSecPolicy -Name 'Isolated server'
Get-IpSecRule -Policy 'Boundary host', 'Isolated server'
Test-IpSecPolicy -Name 'Isolated server'
