# Host-to-host with a partner: everything between this server and the partner's server is secured
# with ESP, authenticated with a pre-shared key. Run the same script on the partner with the
# addresses swapped.
#
#   ipsecpolicy-shell examples/partner-host-to-host.ps1 -PartnerAddress 192.0.2.20
param(
    [string] $PartnerAddress = '192.0.2.20',
    # In production: Read-Host -AsSecureString. NetworkCredential works in every PowerShell host.
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Example key: change me').SecurePassword
)

New-IpSecFilterList -Name 'Partner traffic' -Description "This host <-> $PartnerAddress" | Out-Null
New-IpSecFilter -FilterList 'Partner traffic' -SourceAddress Me -DestinationAddress $PartnerAddress | Out-Null

New-IpSecFilterAction -Name 'Partner security' -Action Negotiate `
    -SecurityMethod 'ESP[AES256,SHA256]:100000k/3600s', 'ESP[AES128,SHA1]:100000k/3600s' | Out-Null

New-IpSecPolicy -Name 'Partner' -Description 'Host-to-host with the partner server' `
    -MainModeSecurityMethod 'AES256-SHA256-14', 'AES128-SHA1-14' | Out-Null

$psk = New-IpSecAuthMethod -PreSharedKey $PreSharedKey
New-IpSecRule -Policy 'Partner' -Name 'Partner server' -FilterList 'Partner traffic' `
    -FilterAction 'Partner security' -AuthMethod $psk | Out-Null

Enable-IpSecPolicy -Name 'Partner'
Get-IpSecRule -Policy 'Partner'
