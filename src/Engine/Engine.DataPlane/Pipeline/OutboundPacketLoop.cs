using System;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Buffers;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// One TUN device (or queue) feeding the outbound path: each <see cref="ProcessNext"/> reads what
/// the device has queued (at least one packet, up to the batch size) into the loop's own buffers at
/// head room, seals each in place and sends them, one system call per batch where the bind
/// supports it. The data plane runs it on a dedicated thread (<c>AttachTun</c>); tests and
/// benchmarks can drive it directly. Not thread-safe: one caller at a time.
/// </summary>
public sealed class OutboundPacketLoop : IDisposable
{
    private readonly OutboundProcessor processor;
    private readonly PacketWorker worker;
    private readonly byte[][] buffers;
    private readonly DatagramBatch reads;
    private readonly int maximumPacketSize;
    private readonly Action<OutboundPacketLoop> release;

    internal OutboundPacketLoop(ITunDevice device, OutboundProcessor processor, PacketWorker worker, byte[][] buffers, int maximumPacketSize,
        Action<OutboundPacketLoop> release)
    {
        Device = device;
        this.processor = processor;
        this.worker = worker;
        this.buffers = buffers;
        this.maximumPacketSize = maximumPacketSize;
        this.release = release;
        reads = new DatagramBatch(buffers.Length);
        foreach (var buffer in buffers)
        {
            reads.Add(buffer, PacketBufferLayout.HeadRoom, maximumPacketSize, null);
        }

        worker.Outgoing = buffers.Length > 1 ? new OutgoingBatch(buffers.Length) : null;
    }

    public ITunDevice Device { get; }

    internal PacketWorker Worker => worker;

    internal byte[][] Buffers => buffers;

    /// <summary>Blocks for at least one packet from the device and processes what was read.</summary>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    public void ProcessNext()
    {
        if (buffers.Length == 1)
        {
            var length = Device.Read(buffers[0].AsSpan(PacketBufferLayout.HeadRoom, maximumPacketSize));
            processor.Process(worker, buffers[0], length);
            return;
        }

        for (int i = 0; i < reads.Count; i++)
        {
            reads.SetLength(i, maximumPacketSize);
        }

        int count = Device.Read(reads);
        var outgoing = worker.Outgoing!;
        try
        {
            for (int i = 0; i < count; i++)
            {
                processor.Process(worker, reads.Buffer(i), reads.Length(i));
            }
        }
        finally
        {
            // Also after a bug in one packet: the others' buffers are reused by the next read.
            outgoing.Flush(worker.Counters);
        }
    }

    /// <summary>Unpins the loop's batch buffers once its thread has stopped (the data plane was disposed).</summary>
    internal void ReleaseBatches()
    {
        reads.Dispose();
        worker.Outgoing?.Dispose();
        worker.Outgoing = null;
    }

    /// <summary>Gives the loop's worker slot and buffers back; the device stays with the data plane.</summary>
    public void Dispose()
    {
        ReleaseBatches();
        release(this);
    }
}
