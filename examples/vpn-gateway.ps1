# An L2TP/IPsec remote-access gateway for the VPN clients built into Windows, macOS, iOS and
# Android (what the "Remote access (VPN)" role of Windows RRAS did): two users, the gateway on the
# Internet-facing adapter with a pool of addresses on the LAN and the LAN's DNS and WINS servers,
# then who is connected. docs/vpn-gateway.md explains each client's setup. Run it as root:
#
#   ipsecpolicy-shell examples/vpn-gateway.ps1 -InterfaceAlias eth0
param(
    [string] $InterfaceAlias = 'eth0',
    [string] $AddressRange = '192.168.50.10-192.168.50.200',
    # In production: Read-Host -AsSecureString. NetworkCredential works in every PowerShell host.
    [SecureString] $PreSharedKey = [System.Net.NetworkCredential]::new('', 'Example key: change me').SecurePassword,
    [SecureString] $AlicePassword = [System.Net.NetworkCredential]::new('', 'Example password: change me').SecurePassword,
    [SecureString] $BobPassword = [System.Net.NetworkCredential]::new('', 'Another example password').SecurePassword
)

# The users who may connect; bob always gets the same address. Kept when the script runs again.
if (-not (Get-VpnUser -Name alice -ErrorAction SilentlyContinue)) {
    Add-VpnUser -Name alice -Password $AlicePassword -Description 'Laptop' | Out-Null
}
if (-not (Get-VpnUser -Name bob -ErrorAction SilentlyContinue)) {
    Add-VpnUser -Name bob -Password $BobPassword -StaticAddress 192.168.50.5 -Description 'Home office' | Out-Null
}
Get-VpnUser | Out-Default

# The gateway: MS-CHAPv2 as every built-in client uses it, idle sessions ended after 30 minutes.
# This starts the engine on the adapter, or has the running one take the settings at once.
Start-VpnGateway -InterfaceAlias $InterfaceAlias -AddressRange $AddressRange `
    -DnsServer 192.168.1.10 -WinsServer 192.168.1.11 -PreSharedKey $PreSharedKey `
    -AuthenticationMethod MsChapV2 -IdleDisconnectSeconds 1800 | Out-Default

'The L2TP/IPsec rule the gateway generated (the engine adds it to the assigned policy):'
Get-IpSecRule -Policy 'VPN gateway (L2TP/IPsec)' | Out-Default

'Who is connected:'
Get-VpnSession | Out-Default
