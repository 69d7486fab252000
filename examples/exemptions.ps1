# Require security for everything (Secure Server), but exempt what cannot do IPsec: a UNIX
# line-of-business server and the Macintosh subnet are permitted in the clear.
param(
    [string] $UnixServer = '10.20.0.5',
    [string] $MacintoshSubnet = '10.30.0.0/24'
)

New-IpSecFilterList -Name 'IPsec exemptions' -Description 'Hosts that cannot do IPsec' | Out-Null
New-IpSecFilter -FilterList 'IPsec exemptions' -SourceAddress Me -DestinationAddress $UnixServer -Description 'UNIX LOB server' | Out-Null
New-IpSecFilter -FilterList 'IPsec exemptions' -SourceAddress Me -DestinationAddress $MacintoshSubnet -Description 'Macintosh subnet' | Out-Null

$policy = 'Secure Server (Require Security)'
New-IpSecRule -Policy $policy -Name 'Exemptions' -FilterList 'IPsec exemptions' -FilterAction 'Permit' | Out-Null

Enable-IpSecPolicy -Name $policy
Get-IpSecRule -Policy $policy
Find-IpSecRule -SourceAddress 10.30.0.17 -DestinationAddress Me
