using System;
using System.Net;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Buffers;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// One bind feeding the inbound path: each <see cref="ProcessNext"/> receives one datagram into
/// the loop's own buffer at head room, opens it in place and writes the inner packet to the TUN
/// device. The data plane runs it on a dedicated thread (<c>AttachBind</c>); tests and benchmarks
/// can drive it directly. Not thread-safe: one caller at a time.
/// </summary>
public sealed class InboundPacketLoop : IDisposable
{
    private readonly InboundProcessor processor;
    private readonly RegisteredBind bind;
    private readonly PacketWorker worker;
    private readonly byte[] buffer;
    private readonly int maximumPacketSize;
    private readonly SocketAddress source;
    private readonly Action<InboundPacketLoop> release;

    internal InboundPacketLoop(RegisteredBind bind, InboundProcessor processor, PacketWorker worker, byte[] buffer, int maximumPacketSize,
        Action<InboundPacketLoop> release)
    {
        this.bind = bind;
        this.processor = processor;
        this.worker = worker;
        this.buffer = buffer;
        this.maximumPacketSize = maximumPacketSize;
        this.release = release;
        source = new SocketAddress(bind.Family, SocketAddress.GetMaximumAddressSize(bind.Family));
    }

    public IDatagramBind Bind => bind.Bind;

    internal PacketWorker Worker => worker;

    internal byte[] Buffer => buffer;

    /// <summary>Blocks for one datagram from the bind and processes it.</summary>
    /// <exception cref="ObjectDisposedException">The bind was disposed.</exception>
    public void ProcessNext()
    {
        var length = bind.Bind.Receive(buffer.AsSpan(PacketBufferLayout.HeadRoom, maximumPacketSize), source);
        processor.Process(worker, bind, buffer, length, source);
    }

    /// <summary>Gives the loop's worker slot and buffer back; the bind stays with the data plane.</summary>
    public void Dispose() => release(this);
}
