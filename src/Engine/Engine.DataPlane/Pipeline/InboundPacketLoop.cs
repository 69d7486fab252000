using System;
using System.Net;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Buffers;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// One bind feeding the inbound path: each <see cref="ProcessNext"/> receives what the bind has
/// queued (at least one datagram, up to the batch size, one system call where the bind supports
/// it) into the loop's own buffers at head room, opens each in place and writes the inner packets
/// to the TUN device. The data plane runs it on a dedicated thread (<c>AttachBind</c>); tests and
/// benchmarks can drive it directly. Not thread-safe: one caller at a time.
/// </summary>
public sealed class InboundPacketLoop : IDisposable
{
    private readonly InboundProcessor processor;
    private readonly RegisteredBind bind;
    private readonly PacketWorker worker;
    private readonly byte[][] buffers;
    private readonly DatagramBatch receives;
    private readonly int maximumPacketSize;
    private readonly SocketAddress source;
    private readonly Action<InboundPacketLoop> release;
    private ITunDevice? outputDevice;
    private ITunPacketWriter? output;

    internal InboundPacketLoop(RegisteredBind bind, InboundProcessor processor, PacketWorker worker, byte[][] buffers, int maximumPacketSize,
        Action<InboundPacketLoop> release)
    {
        this.bind = bind;
        this.processor = processor;
        this.worker = worker;
        this.buffers = buffers;
        this.maximumPacketSize = maximumPacketSize;
        this.release = release;
        source = new SocketAddress(bind.Family, SocketAddress.GetMaximumAddressSize(bind.Family));
        receives = new DatagramBatch(buffers.Length);
        foreach (var buffer in buffers)
        {
            receives.Add(buffer, PacketBufferLayout.HeadRoom, maximumPacketSize,
                new SocketAddress(bind.Family, SocketAddress.GetMaximumAddressSize(bind.Family)));
        }
    }

    public IDatagramBind Bind => bind.Bind;

    internal PacketWorker Worker => worker;

    internal byte[][] Buffers => buffers;

    /// <summary>
    /// Blocks for at least one datagram from the bind and processes what was received. The
    /// decrypted packets of one receive are written to the TUN device together at the end, where
    /// the device's writer may coalesce a TCP flow's consecutive segments (<see cref="ITunPacketWriter"/>).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The bind was disposed.</exception>
    public void ProcessNext()
    {
        if (buffers.Length == 1)
        {
            var length = bind.Bind.Receive(buffers[0].AsSpan(PacketBufferLayout.HeadRoom, maximumPacketSize), source);
            var writer = CurrentOutput();
            try
            {
                processor.Process(worker, bind, buffers[0], length, source, writer);
            }
            finally
            {
                Flush(writer);
            }

            return;
        }

        for (int i = 0; i < receives.Count; i++)
        {
            receives.SetLength(i, maximumPacketSize);
        }

        int count = bind.Bind.Receive(receives);
        var batchWriter = CurrentOutput();
        try
        {
            for (int i = 0; i < count; i++)
            {
                processor.Process(worker, bind, receives.Buffer(i), receives.Length(i), receives.SocketAddressAt(i)!, batchWriter);
            }
        }
        finally
        {
            // Before the buffers are received into again, even when a packet failed: the writer may hold references into them.
            Flush(batchWriter);
        }
    }

    /// <summary>The writer for the processor's delivery device, made again when that device changes.</summary>
    private ITunPacketWriter? CurrentOutput()
    {
        var device = processor.DeliveryDevice;
        if (!ReferenceEquals(device, outputDevice))
        {
            outputDevice = device;
            output = device?.CreateWriter();
        }

        return output;
    }

    private void Flush(ITunPacketWriter? writer)
    {
        if (writer is null)
        {
            return;
        }

        var refused = writer.Flush();
        if (refused > 0)
        {
            // Process counted them as received when the writer took them.
            worker.Counters.Add(DataPlaneCounter.PacketsReceived, -refused);
            worker.Counters.Add(DataPlaneCounter.TunWriteFailures, refused);
        }
    }

    /// <summary>Unpins the loop's batch buffers once its thread has stopped (the data plane was disposed).</summary>
    internal void ReleaseBatches()
    {
        receives.Dispose();
    }

    /// <summary>Gives the loop's worker slot and buffers back; the bind stays with the data plane.</summary>
    public void Dispose()
    {
        ReleaseBatches();
        release(this);
    }
}
