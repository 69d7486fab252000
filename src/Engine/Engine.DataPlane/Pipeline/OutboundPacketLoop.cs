using System;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Buffers;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// One TUN device (or queue) feeding the outbound path: each <see cref="ProcessNext"/> reads one
/// packet into the loop's own buffer at head room, seals it in place and sends it. The data plane
/// runs it on a dedicated thread (<c>AttachTun</c>); tests and benchmarks can drive it directly.
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class OutboundPacketLoop : IDisposable
{
    private readonly OutboundProcessor processor;
    private readonly PacketWorker worker;
    private readonly byte[] buffer;
    private readonly int maximumPacketSize;
    private readonly Action<OutboundPacketLoop> release;

    internal OutboundPacketLoop(ITunDevice device, OutboundProcessor processor, PacketWorker worker, byte[] buffer, int maximumPacketSize,
        Action<OutboundPacketLoop> release)
    {
        Device = device;
        this.processor = processor;
        this.worker = worker;
        this.buffer = buffer;
        this.maximumPacketSize = maximumPacketSize;
        this.release = release;
    }

    public ITunDevice Device { get; }

    internal PacketWorker Worker => worker;

    internal byte[] Buffer => buffer;

    /// <summary>Blocks for one packet from the device and processes it.</summary>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public void ProcessNext()
    {
        var length = Device.Read(buffer.AsSpan(PacketBufferLayout.HeadRoom, maximumPacketSize));
        processor.Process(worker, buffer, length);
    }

    /// <summary>Gives the loop's worker slot and buffer back; the device stays with the data plane.</summary>
    public void Dispose() => release(this);
}
