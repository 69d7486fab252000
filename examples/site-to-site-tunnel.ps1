# A site-to-site tunnel between two subnets through two gateways, the Windows way: two rules, one
# per direction, each with a one-way filter list and the far gateway as tunnel endpoint. Run it on
# gateway A; on gateway B swap the subnets and the endpoints.
param(
    [string] $LocalSubnet = '10.1.0.0/16',
    [string] $RemoteSubnet = '10.2.0.0/16',
    [string] $LocalGateway = '198.51.100.1',
    [string] $RemoteGateway = '203.0.113.1',
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Example key: change me').SecurePassword
)

New-IpSecFilterList -Name 'Site A to site B' | Out-Null
New-IpSecFilter -FilterList 'Site A to site B' -SourceAddress $LocalSubnet -DestinationAddress $RemoteSubnet -Mirrored $false | Out-Null
New-IpSecFilterList -Name 'Site B to site A' | Out-Null
New-IpSecFilter -FilterList 'Site B to site A' -SourceAddress $RemoteSubnet -DestinationAddress $LocalSubnet -Mirrored $false | Out-Null

New-IpSecFilterAction -Name 'Tunnel security' -Action Negotiate -SecurityMethod 'ESP[AESGCM256,None]', 'ESP[AES256,SHA256]' -SessionKeyPfs | Out-Null

New-IpSecPolicy -Name 'Site-to-site' -MainModeSecurityMethod 'AES256-SHA256-14' | Out-Null
$auth = New-IpSecAuthMethod -PreSharedKey $PreSharedKey
New-IpSecRule -Policy 'Site-to-site' -Name 'Outbound to B' -FilterList 'Site A to site B' -FilterAction 'Tunnel security' `
    -AuthMethod $auth -TunnelEndpoint $RemoteGateway | Out-Null
New-IpSecRule -Policy 'Site-to-site' -Name 'Inbound from B' -FilterList 'Site B to site A' -FilterAction 'Tunnel security' `
    -AuthMethod $auth -TunnelEndpoint $LocalGateway | Out-Null

Enable-IpSecPolicy -Name 'Site-to-site'
Get-IpSecRule -Policy 'Site-to-site'
