# Gateway demo steps, each run by the shell inside one namespace (VpnGatewayDemo.cs says which and
# when). Every cmdlet is printed as "PS> ..." before it runs, with its output after it.
param(
    [ValidateSet('Gateway', 'Connect', 'Sessions', 'HangUp')]
    [string] $Step,
    [string] $InterfaceAlias,
    [string] $AddressRange,
    [string] $DnsServer,
    [string] $WinsServer,
    [string] $ServerAddress,
    [string] $LanHost,
    [int] $Port
)

$ErrorActionPreference = 'Stop'

# The demo's secrets, never printed. In real use: Read-Host -AsSecureString.
$psk = [System.Net.NetworkCredential]::new('', 'gateway demo pre-shared key').SecurePassword
$password = [System.Net.NetworkCredential]::new('', 'gateway demo password').SecurePassword

function Show([string] $Command) {
    "PS> $Command" | Out-Default
    & ([scriptblock]::Create($Command))
}

# Polls until the condition holds; the engines report asynchronously (PPP, L2TP and audit events).
function Wait-Until([scriptblock] $Condition, [string] $What, [int] $Seconds = 20) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Gave up after $Seconds s waiting for $What." }
        [System.Threading.Thread]::Sleep(200)
    }
}

switch ($Step) {
    'Gateway' {
        '# $password and $psk hold SecureStrings (Read-Host -AsSecureString in real use).' | Out-Default
        Show "Add-VpnUser -Name alice -Password `$password -Description 'Demo laptop'" | Out-Default
        Show ("Start-VpnGateway -InterfaceAlias $InterfaceAlias -AddressRange $AddressRange -DnsServer $DnsServer " +
            "-WinsServer $WinsServer -PreSharedKey `$psk") | Out-Default
        Show "Get-IpSecRule -Policy 'VPN gateway (L2TP/IPsec)'" | Out-Default
    }

    'Connect' {
        '# alice''s laptop, offering what Windows 10''s built-in client offers. -Wait returns once PPP has' | Out-Default
        '# an address; Get-VpnConnection below shows the connection.' | Out-Default
        Show ("Connect-VpnGateway -ServerAddress $ServerAddress -PreSharedKey `$psk -UserName alice -Password `$password " +
            "-ProposalProfile Windows10 -InterfaceAlias $InterfaceAlias -Wait") | Out-Null
        '' | Out-Default

        $ping = [System.Net.NetworkInformation.Ping]::new()
        foreach ($i in 1..3) {
            $reply = $ping.Send($LanHost, 3000)
            "ping $LanHost : $($reply.Status) in $($reply.RoundtripTime) ms" | Out-Default
            if ($reply.Status -ne 'Success') { throw "The LAN host $LanHost did not answer the ping." }
        }

        $tcp = [System.Net.Sockets.TcpClient]::new()
        if (-not $tcp.ConnectAsync($LanHost, $Port).Wait(5000)) { throw "No TCP connection to ${LanHost}:$Port within 5 s." }
        $tcp.ReceiveTimeout = 5000
        $stream = $tcp.GetStream()
        $request = [System.Text.Encoding]::UTF8.GetBytes("hello over TCP`n")
        $stream.Write($request, 0, $request.Length)
        "TCP ${LanHost}:$Port answers: $([System.IO.StreamReader]::new($stream).ReadLine())" | Out-Default
        $tcp.Dispose()

        $udp = [System.Net.Sockets.UdpClient]::new()
        $udp.Client.ReceiveTimeout = 2000
        $udp.Connect($LanHost, $Port)
        $request = [System.Text.Encoding]::UTF8.GetBytes('hello over UDP')
        $answer = $null
        foreach ($attempt in 1..3) {
            [void] $udp.Send($request, $request.Length)
            try {
                $from = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
                $answer = [System.Text.Encoding]::UTF8.GetString($udp.Receive([ref] $from))
                break
            }
            catch [System.Net.Sockets.SocketException] {
                # A datagram can be lost: ask again, as a UDP client does.
            }
        }
        $udp.Dispose()
        if ($null -eq $answer) { throw "No UDP answer from ${LanHost}:$Port." }
        "UDP ${LanHost}:$Port answers: $answer" | Out-Default
        '' | Out-Default

        Show 'Get-VpnConnection' | Out-Default
    }

    'Sessions' {
        Show 'Get-VpnSession' | Out-Default
        Show 'Get-IpSecQuickModeSA' | Out-Default
        Show 'Get-VpnSession -UserName alice | Disconnect-VpnSession -Confirm:$false -PassThru' | Out-Default
        Wait-Until { -not (Get-VpnSession) -and (Get-IpSecEvent -Id 20272) } 'the session to end'
        Show 'Get-IpSecEvent -Id 20271, 20272, 20274, 20280' | Out-Default
        Show 'Stop-VpnGateway -Confirm:$false' | Out-Default
        Show 'Stop-IpSecEngine -Force -PassThru' | ForEach-Object { "Engine $($_.ProcessId) stopped." } | Out-Default
    }

    'HangUp' {
        Wait-Until { Get-IpSecEvent -Id 20226 } 'the client to see the call end'
        Show 'Get-IpSecEvent -Id 20225, 20226, 20227' | Out-Default
        Show 'Disconnect-VpnGateway -Confirm:$false' | Out-Default
        Show 'Stop-IpSecEngine -Force -PassThru' | ForEach-Object { "Engine $($_.ProcessId) stopped." } | Out-Default
    }
}
