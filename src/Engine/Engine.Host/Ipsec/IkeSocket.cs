using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.Host.Logging;
using Engine.Ike;
using Engine.Ike.Network;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Ipsec;

/// <summary>
/// IKE's socket layer: UDP 500 binds of its own (one receive thread each) and, for UDP 4500, the
/// data plane's NAT-T binds, which hand IKE the datagrams that carry the non-ESP marker. IKE keeps
/// the marker on the NAT-T port in both directions (<see cref="IkeDatagram"/>), so it is put back
/// on what the data plane delivers and left on what IKE sends.
/// </summary>
/// <remarks>
/// Receiving on UDP 500 only reads: datagrams go into bounded queues served by one worker thread per
/// processor, which call <see cref="IkeEngine.Receive"/>. The engine runs key exchanges outside its
/// lock, so the workers compute in parallel while the receive threads keep draining the sockets
/// (a burst of main modes from many peers would otherwise overflow the socket buffer and cost the
/// peers a retransmission period). A datagram's queue is chosen by its initiator cookie, so one
/// ISAKMP SA's messages are handled in order by one worker. A full queue makes a receive thread
/// wait (the socket buffer holds the rest). IKE on the NAT-T port is handed to the engine on the
/// data plane's thread that received it, as before: a peer floats to 4500 only after the key
/// exchange (main mode 5 on, RFC 3947 section 4), so nothing expensive arrives there, and the
/// in-process host tests pump the data plane and expect IKE's answer on return.
/// </remarks>
internal sealed class IkeSocket : IIkeDatagramTransport, IIkeDatagramReceiver, IDisposable
{
    /// <summary>
    /// The UDP 500 sockets' receive buffer (SO_RCVBUFFORCE). The default (about 208 KB) overflows
    /// when many peers start main mode at once: the lost datagrams cost their peers a whole
    /// retransmission period (4 s), and as they started together they retransmit together
    /// (docs/benchmarks.md, IKE setup rate). 4 MiB holds a burst of thousands of IKE datagrams
    /// (the kernel charges each with its buffer overhead, about 1-2 KB for a small datagram).
    /// </summary>
    internal const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private const int MaximumDatagram = 65535;
    private static readonly byte[] NonEspMarker = new byte[4];

    /// <summary>Datagrams each worker's queue holds before a receive thread waits.</summary>
    private const int QueueCapacity = 4096;

    /// <summary>Bytes of the initiator cookie, which picks the worker.</summary>
    private const int CookieLength = 8;

    private readonly ILogger logger;
    private readonly ConcurrentDictionary<IPEndPoint, IDatagramBind> binds = new();
    private readonly BlockingCollection<IkeDatagram>[] queues;
    private volatile IkeEngine? engine;

    public IkeSocket(ILogger logger)
    {
        this.logger = logger;
        queues = new BlockingCollection<IkeDatagram>[Math.Max(1, Environment.ProcessorCount)];
        for (var i = 0; i < queues.Length; i++)
        {
            var queue = queues[i] = new BlockingCollection<IkeDatagram>(QueueCapacity);
            new Thread(() => Work(queue))
            {
                IsBackground = true,
                Name = $"ike worker {i}",
            }.Start();
        }
    }

    /// <summary>The engine that receives; datagrams arriving while none is set are dropped.</summary>
    public IkeEngine? Engine
    {
        get => engine;
        set => engine = value;
    }

    /// <summary>Takes a UDP 500 bind: starts its receive thread; the socket owns and disposes it.</summary>
    public void AddIkeBind(IDatagramBind bind)
    {
        binds[bind.LocalEndPoint] = bind;
        var thread = new Thread(() => ReceiveLoop(bind))
        {
            IsBackground = true,
            Name = $"ike {bind.LocalEndPoint}",
        };
        thread.Start();
    }

    /// <summary>Registers a UDP 4500 bind the data plane receives on, for sending IKE through it.</summary>
    public void AddNatTraversalBind(IDatagramBind bind) => binds[bind.LocalEndPoint] = bind;

    public void Send(IkeDatagram datagram)
    {
        if (!binds.TryGetValue(datagram.Local, out var bind))
        {
            logger.IkeDatagramDropped(datagram.Remote.ToString(), datagram.Local.ToString(), "no socket on that address and port");
            return;
        }

        try
        {
            var status = bind.Send(datagram.Payload.Span, datagram.Remote.Serialize());
            if (status != DatagramSendStatus.Sent)
            {
                logger.IkeDatagramDropped(datagram.Remote.ToString(), datagram.Local.ToString(), status.ToString());
            }
        }
        catch (ObjectDisposedException)
        {
            // Stopping: the sockets close before IKE's last retransmissions.
        }
    }

    public void IkeDatagramReceived(ReadOnlySpan<byte> message, SocketAddress source, IDatagramBind bind)
    {
        var payload = new byte[NonEspMarker.Length + message.Length];
        message.CopyTo(payload.AsSpan(NonEspMarker.Length));
        Deliver(Datagram(payload, bind.LocalEndPoint, source));
    }

    public void Dispose()
    {
        foreach (var bind in binds.Values)
        {
            if (bind.Kind == DatagramEndpointKind.Ike)
            {
                bind.Dispose();
            }
        }

        binds.Clear();
        foreach (var queue in queues)
        {
            queue.CompleteAdding();
        }
    }

    private void ReceiveLoop(IDatagramBind bind)
    {
        var buffer = new byte[MaximumDatagram];
        var source = new SocketAddress(bind.AddressFamily, SocketAddress.GetMaximumAddressSize(bind.AddressFamily));
        while (true)
        {
            int length;
            try
            {
                length = bind.Receive(buffer, source);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error reported on the socket: counted, and the next datagram is unaffected.
                engine?.ReportReceiveFailure();
                continue;
            }

            var datagram = Datagram(buffer.AsSpan(0, length).ToArray(), bind.LocalEndPoint, source);
            try
            {
                QueueFor(datagram).Add(datagram);
            }
            catch (InvalidOperationException)
            {
                return;
            }
        }
    }

    private static IkeDatagram Datagram(byte[] payload, IPEndPoint local, SocketAddress source) =>
        new(payload, local, (IPEndPoint)(local.AddressFamily == AddressFamily.InterNetwork ? IPEndPoint4 : IPEndPoint6).Create(source));

    /// <summary>The worker queue of the datagram's ISAKMP SA (by initiator cookie, the first 8 bytes on port 500).</summary>
    private BlockingCollection<IkeDatagram> QueueFor(IkeDatagram datagram)
    {
        var bytes = datagram.Payload.Span;
        var cookie = bytes.Length >= CookieLength ? BitConverter.ToUInt64(bytes[..CookieLength]) : 0;
        return queues[(int)(cookie % (ulong)queues.Length)];
    }

    private void Work(BlockingCollection<IkeDatagram> queue)
    {
        foreach (var datagram in queue.GetConsumingEnumerable())
        {
            Deliver(datagram);
        }
    }

    private void Deliver(IkeDatagram datagram)
    {
        try
        {
            engine?.Receive(datagram);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // IKE drops what it cannot parse itself; anything escaping is a bug, never the peer's
            // doing, and must not end the thread.
            logger.IkeDatagramDropped(datagram.Remote.ToString(), datagram.Local.ToString(), $"IKE failed on it: {e.Message}");
        }
    }

    private static readonly IPEndPoint IPEndPoint4 = new(IPAddress.Any, 0);
    private static readonly IPEndPoint IPEndPoint6 = new(IPAddress.IPv6Any, 0);
}
