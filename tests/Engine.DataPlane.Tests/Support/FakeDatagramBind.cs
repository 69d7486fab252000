using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// An in-memory bind on a <see cref="FakeNetwork"/>. Like the Linux one, a raw IPv4 bind receives
/// the IPv4 header in front of the ESP/AH packet and a raw IPv6 bind does not; sends take the
/// payload only and the network adds the headers.
/// </summary>
public sealed class FakeDatagramBind : IDatagramBind
{
    private readonly FakeNetwork network;
    private readonly BlockingCollection<(byte[] Datagram, IPEndPoint Source)> incoming = [];
    private readonly ConcurrentQueue<(byte[] Datagram, IPEndPoint Destination)> sent = new();
    private readonly CancellationTokenSource disposed = new();

    internal FakeDatagramBind(FakeNetwork network, DatagramEndpointKind kind, IPEndPoint localEndPoint)
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
    public int PendingReceives => incoming.Count;

    /// <summary>What <see cref="Send"/> returns; anything but Sent means the datagram is not delivered.</summary>
    public DatagramSendStatus SendResult { get; set; } = DatagramSendStatus.Sent;

    /// <summary>Every datagram sent through this bind, in order (payload only, as handed over).</summary>
    public IReadOnlyList<(byte[] Datagram, IPEndPoint Destination)> Sent => sent.ToArray();

    /// <summary>Queues a datagram as if the kernel had received it (headers included for raw IPv4).</summary>
    public void Deliver(byte[] datagram, IPEndPoint source) => incoming.Add((datagram, source));

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
            throw new ArgumentException("family mismatch", nameof(destination));
        }

        var target = (IPEndPoint)new IPEndPoint(AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0).Create(destination);
        var copy = datagram.ToArray();
        sent.Enqueue((copy, target));
        if (SendResult == DatagramSendStatus.Sent)
        {
            network.Route(this, copy, target);
        }

        return SendResult;
    }

    public void Dispose() => disposed.Cancel();
}
