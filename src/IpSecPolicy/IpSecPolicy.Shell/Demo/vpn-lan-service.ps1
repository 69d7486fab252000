# Gateway demo, run in the background in the LAN host's namespace: a TCP and a UDP service on one
# port that answer every request with the address it came from, so the demo shows the address the
# gateway gave the client arriving on the LAN unchanged (routed, not translated). Killed by the demo.
param([int] $Port)

$tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, $Port)
$tcp.Start()
$udp = [System.Net.Sockets.UdpClient]::new($Port)
'ready' | Out-Default

$accept = $tcp.AcceptTcpClientAsync()
$receive = $udp.ReceiveAsync()
while ($true) {
    $ready = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]] @($accept, $receive))
    try {
        if ($ready -eq 0) {
            $done = $accept
            $accept = $tcp.AcceptTcpClientAsync()
            $connection = $done.Result
            $connection.ReceiveTimeout = 5000
            $stream = $connection.GetStream()
            $request = [System.IO.StreamReader]::new($stream).ReadLine()
            $answer = [System.Text.Encoding]::UTF8.GetBytes("'$request' received over TCP from $($connection.Client.RemoteEndPoint)`n")
            $stream.Write($answer, 0, $answer.Length)
            $connection.Dispose()
        }
        else {
            $done = $receive
            $receive = $udp.ReceiveAsync()
            $datagram = $done.Result
            $request = [System.Text.Encoding]::UTF8.GetString($datagram.Buffer)
            $answer = [System.Text.Encoding]::UTF8.GetBytes("'$request' received over UDP from $($datagram.RemoteEndPoint)")
            [void] $udp.Send($answer, $answer.Length, $datagram.RemoteEndPoint)
        }
    }
    catch {
        # One caller that hung up early does not end the service.
        "LAN service: $($_.Exception.Message)" | Out-Default
    }
}
