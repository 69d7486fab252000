using System;
using System.Threading;

namespace Engine.DataPlane.Buffers;

/// <summary>
/// A bounded pool of fixed-size packet buffers. Packet loops rent one buffer each when they start
/// and keep it; packets held while an SA is negotiated take one each until sent or dropped. The
/// bound is what limits memory under an acquire storm: when the pool is empty, the packet is
/// dropped rather than a buffer allocated.
/// </summary>
internal sealed class PacketBufferPool
{
    private readonly Lock gate = new();
    private readonly byte[]?[] free;
    private int freeCount;
    private int created;

    public PacketBufferPool(PacketBufferLayout layout, int limit)
    {
        Layout = layout;
        free = new byte[]?[limit];
    }

    public PacketBufferLayout Layout { get; }

    /// <summary>Buffers handed out and not returned.</summary>
    public int Outstanding
    {
        get
        {
            lock (gate)
            {
                return created - freeCount;
            }
        }
    }

    /// <summary>A buffer, reused or new while under the limit; false when all are out.</summary>
    public bool TryRent(out byte[] buffer)
    {
        lock (gate)
        {
            if (freeCount > 0)
            {
                buffer = free[--freeCount]!;
                free[freeCount] = null;
                return true;
            }

            if (created < free.Length)
            {
                created++;
                buffer = new byte[Layout.Capacity];
                return true;
            }
        }

        buffer = [];
        return false;
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length != Layout.Capacity)
        {
            throw new ArgumentException("The buffer does not come from this pool.", nameof(buffer));
        }

        // Held packets are cleartext; a reused buffer must not show the last one.
        Array.Clear(buffer);
        lock (gate)
        {
            free[freeCount++] = buffer;
        }
    }
}
