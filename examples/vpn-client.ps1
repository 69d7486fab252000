# This host as an L2TP/IPsec client of a VPN gateway, offering what a built-in client offers (here
# Windows 10's proposals): connect and wait until the link is up, show it, use it, hang up. On Linux
# this used to take racoon, l2tpd and pppd configured by hand. Run it as root:
#
#   ipsecpolicy-shell examples/vpn-client.ps1 -ServerAddress 203.0.113.1 -InterfaceAlias eth0
param(
    [string] $ServerAddress = '203.0.113.1',
    [string] $InterfaceAlias = 'eth0',
    [string] $UserName = 'alice',
    [ValidateSet('Default', 'Windows10', 'Windows11', 'WindowsXP', 'MacOS', 'IOS', 'Android')]
    [string] $ProposalProfile = 'Windows10',
    # In production: Read-Host -AsSecureString. NetworkCredential works in every PowerShell host.
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Example key: change me').SecurePassword,
    [SecureString] $Password = [System.Net.NetworkCredential]::new('', 'Example password: change me').SecurePassword
)

# Connect, routing the office LAN through the VPN, and wait until PPP has an address.
Connect-VpnGateway -ServerAddress $ServerAddress -PreSharedKey $PreSharedKey -UserName $UserName -Password $Password `
    -ProposalProfile $ProposalProfile -Route 192.168.1.0/24 -InterfaceAlias $InterfaceAlias -Wait -TimeoutSeconds 60 `
    -ErrorAction Stop | Out-Null

'The connection:'
Get-VpnConnection | Out-Default

# ... use the office LAN here ...

'Hanging up:'
Disconnect-VpnGateway -PassThru | Out-Default
