using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// An in-memory socket on a <see cref="VirtualNetwork"/>, after wireguard-go's in-memory binds:
/// sending queues the datagram on the network, and what the network delivers waits here until
/// the test's pump receives it. Like a Linux raw IPv4 socket, a raw IPv4 bind receives the IPv4
/// header in front of ESP or AH; raw IPv6 binds and UDP binds receive the payload only.
/// </summary>
internal sealed class VirtualBind : IDatagramBind
{
    private readonly VirtualNetwork network;
    private readonly BlockingCollection<(byte[] Datagram, IPEndPoint Source)> incoming = [];
    private readonly CancellationTokenSource disposed = new();

    public VirtualBind(VirtualNetwork network, DatagramEndpointKind kind, IPEndPoint localEndPoint)
    {
        this.network = network;
        Kind = kind;
        LocalEndPoint = localEndPoint;
    }

    public DatagramEndpointKind Kind { get; }

    public AddressFamily AddressFamily => LocalEndPoint.AddressFamily;

    public IPEndPoint LocalEndPoint { get; }

    public bool ReceiveIncludesIpHeader => Kind is DatagramEndpointKind.Esp or DatagramEndpointKind.Ah && AddressFamily == AddressFamily.InterNetwork;

    public int BatchSize => 1;

    /// <summary>Datagrams delivered and not received yet.</summary>
    public int Pending => incoming.Count;

    public bool IsDisposed => disposed.IsCancellationRequested;

    public void Deliver(byte[] datagram, IPEndPoint source) => incoming.Add((datagram, source));

    /// <summary>The next delivered datagram without blocking (the IKE pump takes UDP 500 datagrams this way).</summary>
    public bool TryTake(out byte[] datagram, out IPEndPoint source)
    {
        if (incoming.TryTake(out var next))
        {
            (datagram, source) = next;
            return true;
        }

        (datagram, source) = (Array.Empty<byte>(), LocalEndPoint);
        return false;
    }

    public int Receive(Span<byte> buffer, SocketAddress source)
    {
        while (true)
        {
            (byte[] Datagram, IPEndPoint Source) next;
            try
            {
                next = incoming.Take(disposed.Token);
            }
            catch (OperationCanceledException)
            {
                throw new ObjectDisposedException(LocalEndPoint.ToString());
            }

            // The contract: a datagram longer than the buffer is discarded, never truncated.
            if (next.Datagram.Length > buffer.Length)
            {
                continue;
            }

            next.Datagram.CopyTo(buffer);
            var address = next.Source.Serialize();
            address.Buffer.Span[..address.Size].CopyTo(source.Buffer.Span);
            source.Size = address.Size;
            return next.Datagram.Length;
        }
    }

    public DatagramSendStatus Send(ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        ObjectDisposedException.ThrowIf(disposed.IsCancellationRequested, this);
        if (destination.Family != AddressFamily)
        {
            throw new ArgumentException("The destination is of another address family than the bind.", nameof(destination));
        }

        var any = AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        var target = (IPEndPoint)new IPEndPoint(any, 0).Create(destination);
        network.Send(this, datagram.ToArray(), target);
        return DatagramSendStatus.Sent;
    }

    public void Dispose() => disposed.Cancel();

    public override string ToString() => $"{Kind} {LocalEndPoint}";
}
