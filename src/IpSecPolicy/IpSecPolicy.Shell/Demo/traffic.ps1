# Demo step, run inside namespace A: traffic to the partner, then the SAs that carry it.
param([string] $Partner)
$ping = [System.Net.NetworkInformation.Ping]::new()
foreach ($i in 1..5) {
    $reply = $ping.Send($Partner, 3000)
    "ping $Partner : $($reply.Status) in $($reply.RoundtripTime) ms"
}

'--- Get-IpSecMainModeSA'
Get-IpSecMainModeSA
'--- Get-IpSecQuickModeSA'
Get-IpSecQuickModeSA
'--- Get-IpSecEvent -Id 541 -Newest 2'
Get-IpSecEvent -Id 541 -Newest 2
