# Demo step, run inside namespace A: traffic to the partner, then the SAs that carry it.
param([string] $Partner)
$ping = [System.Net.NetworkInformation.Ping]::new()
foreach ($i in 1..5) {
    $reply = $ping.Send($Partner, 3000)
    "ping $Partner : $($reply.Status) in $($reply.RoundtripTime) ms" | Out-Default
}

# Each through Out-Default on its own, so that each gets its own table view.
'--- Get-IpSecMainModeSA' | Out-Default
Get-IpSecMainModeSA | Out-Default
'--- Get-IpSecQuickModeSA' | Out-Default
Get-IpSecQuickModeSA | Out-Default
'--- Get-IpSecStatistics' | Out-Default
Get-IpSecStatistics | Out-Default
'--- Get-IpSecEvent -Id 541 -Newest 2' | Out-Default
Get-IpSecEvent -Id 541 -Newest 2 | Out-Default
