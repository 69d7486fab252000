using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Abstractions;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>
/// A raw IPv4 ESP socket driven by the test: what the data plane sends is collected; what the test
/// delivers (a whole IPv4 packet, as a raw IPv4 socket receives it) is read by the next loop run.
/// </summary>
internal sealed class TestBind : IDatagramBind
{
    private readonly Queue<(byte[] Packet, IPAddress Source)> incoming = new();
    private bool disposed;

    public TestBind(IPAddress local)
    {
        LocalEndPoint = new IPEndPoint(local, 0);
    }

    public DatagramEndpointKind Kind => DatagramEndpointKind.Esp;

    public AddressFamily AddressFamily => AddressFamily.InterNetwork;

    public IPEndPoint LocalEndPoint { get; }

    public bool ReceiveIncludesIpHeader => true;

    public int BatchSize => 1;

    /// <summary>ESP packets (without the IP header) the data plane sent, with their destination.</summary>
    public List<(byte[] Esp, IPAddress Destination)> Sent { get; } = new();

    public void Deliver(byte[] ipv4Packet, IPAddress source) => incoming.Enqueue((ipv4Packet, source));

    public int Receive(Span<byte> buffer, SocketAddress source)
    {
        ObjectDisposedException.ThrowIf(disposed || incoming.Count == 0, this);
        var (packet, from) = incoming.Dequeue();
        packet.CopyTo(buffer);
        var address = new IPEndPoint(from, 0).Serialize();
        address.Buffer.Span[..address.Size].CopyTo(source.Buffer.Span);
        source.Size = address.Size;
        return packet.Length;
    }

    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        var target = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(destination);
        Sent.Add((datagram.ToArray(), target.Address));
        return DatagramSendStatus.Sent;
    }

    public void Dispose() => disposed = true;
}
