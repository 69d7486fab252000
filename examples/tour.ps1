# The 60-second tour (the README's), on whatever store the host points at. The built-in default of
# ipsecpolicy-shell runs it on a throw-away store:
#   dotnet run --project src/IpSecPolicy/IpSecPolicy.Shell
param(
    [string] $PartnerAddress = '192.0.2.20',
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Tour key: change me').SecurePassword
)

'What to secure: this host <-> the partner, both directions (mirrored).'
New-IpSecFilterList -Name 'Partner traffic' | Out-Null
New-IpSecFilter -FilterList 'Partner traffic' -SourceAddress Me -DestinationAddress $PartnerAddress | Out-Default

'How: ESP, strongest method first.'
New-IpSecFilterAction -Name 'Partner security' -Action Negotiate -SecurityMethod 'ESP[AES256,SHA256]', 'ESP[AES128,SHA1]' | Out-Default

'The policy, its rule with a pre-shared key, and the assignment.'
New-IpSecPolicy -Name 'Partner' -MainModeSecurityMethod 'AES256-SHA256-14' | Out-Null
$psk = New-IpSecAuthMethod -PreSharedKey $PreSharedKey
New-IpSecRule -Policy 'Partner' -Name 'Partner server' -FilterList 'Partner traffic' -FilterAction 'Partner security' -AuthMethod $psk | Out-Null
Enable-IpSecPolicy -Name 'Partner'
Get-IpSecPolicy | Out-Default

'What the engine would enforce on this host, most specific first:'
Get-IpSecFilter -Effective | Out-Default

'Which rule decides a packet to the partner on TCP 443:'
Find-IpSecRule -SourceAddress Me -DestinationAddress $PartnerAddress -Protocol TCP -DestinationPort 443 | Out-Default

'Diagnostics:'
Test-IpSecPolicy | Out-Default
