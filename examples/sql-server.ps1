# The SQL server: only the application server may connect, on TCP 1433, encrypted with 3DES/SHA1
# (100000 KB / 3600 s) and session key PFS; every other packet to or from this server is blocked.
# Windows orders filters most specific first, so the 1433 filter wins over the block-all filter.
param(
    [string] $ApplicationServer = '10.10.1.20',
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Example key: change me').SecurePassword
)

New-IpSecFilterList -Name 'SQL from the application server' | Out-Null
New-IpSecFilter -FilterList 'SQL from the application server' -SourceAddress $ApplicationServer `
    -DestinationAddress Me -Protocol TCP -DestinationPort 1433 | Out-Null

New-IpSecFilterList -Name 'All traffic to this server' | Out-Null
New-IpSecFilter -FilterList 'All traffic to this server' -SourceAddress Any -DestinationAddress Me | Out-Null

$method = New-IpSecSecurityMethod -Protocol Esp -Encryption 3DES -Integrity SHA1 -LifetimeKilobytes 100000 -LifetimeSeconds 3600
New-IpSecFilterAction -Name 'SQL encryption' -Action Negotiate -SecurityMethod $method -SessionKeyPfs | Out-Null
New-IpSecFilterAction -Name 'Block' -Action Block | Out-Null

New-IpSecPolicy -Name 'SQL Server' -Description 'Only the application server, encrypted' | Out-Null
New-IpSecRule -Policy 'SQL Server' -Name 'Application server on 1433' -FilterList 'SQL from the application server' `
    -FilterAction 'SQL encryption' -AuthMethod (New-IpSecAuthMethod -PreSharedKey $PreSharedKey) | Out-Null
New-IpSecRule -Policy 'SQL Server' -Name 'Block everything else' -FilterList 'All traffic to this server' -FilterAction 'Block' | Out-Null

Enable-IpSecPolicy -Name 'SQL Server'
Get-IpSecRule -Policy 'SQL Server'
Find-IpSecRule -SourceAddress $ApplicationServer -DestinationAddress Me -Protocol TCP -DestinationPort 1433
