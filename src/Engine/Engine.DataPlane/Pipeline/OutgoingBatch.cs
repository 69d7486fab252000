using System;
using System.Net;
using Engine.DataPlane.Abstractions;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The sealed packets an outbound loop has not sent yet: consecutive packets for one bind go out in
/// one <see cref="IDatagramBind.Send(DatagramBatch)"/> call when the loop's batch is done (or the
/// bind changes). Packets are counted as sent when sealed; what the bind then refuses is moved from
/// <see cref="DataPlaneCounter.PacketsSent"/> to <see cref="DataPlaneCounter.SendFailures"/>.
/// </summary>
internal sealed class OutgoingBatch : IDisposable
{
    private readonly DatagramBatch batch;
    private IDatagramBind? bind;

    public OutgoingBatch(int capacity)
    {
        batch = new DatagramBatch(capacity);
    }

    /// <summary>Queues one sealed datagram; the buffer must stay untouched until <see cref="Flush"/>.</summary>
    public void Add(WorkerCounters counters, IDatagramBind target, byte[] buffer, int offset, int length, SocketAddress destination)
    {
        if (batch.Count > 0 && (!ReferenceEquals(bind, target) || batch.IsFull))
        {
            Flush(counters);
        }

        bind = target;
        batch.Add(buffer, offset, length, destination);
    }

    /// <summary>Sends what is queued.</summary>
    public void Flush(WorkerCounters counters)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            int failed = batch.Count - bind!.Send(batch);
            if (failed > 0)
            {
                counters.Add(DataPlaneCounter.PacketsSent, -failed);
                counters.Add(DataPlaneCounter.SendFailures, failed);
            }
        }
        finally
        {
            batch.Clear();
            bind = null;
        }
    }

    public void Dispose() => batch.Dispose();
}
