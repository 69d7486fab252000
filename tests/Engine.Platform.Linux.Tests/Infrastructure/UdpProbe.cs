using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engine.Platform.Linux.Namespaces;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>A plain UDP socket in a namespace, standing in for an application on either host.</summary>
internal sealed class UdpProbe : IDisposable
{
    private readonly Socket _socket;

    private UdpProbe(Socket socket)
    {
        _socket = socket;
    }

    internal static UdpProbe Open(DisposableNetworkNamespace host, IPAddress address, int port) =>
        new(host.Run(() =>
        {
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }));

    internal void Send(string text, IPAddress address, int port) =>
        _socket.SendTo(Encoding.ASCII.GetBytes(text), new IPEndPoint(address, port));

    /// <summary>The next datagram's text, or null when nothing arrives within <paramref name="timeout"/>.</summary>
    internal string? Receive(TimeSpan timeout)
    {
        if (!_socket.Poll(timeout, SelectMode.SelectRead))
        {
            return null;
        }

        var buffer = new byte[2048];
        int length = _socket.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    public void Dispose() => _socket.Dispose();
}
