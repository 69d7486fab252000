using System;
using System.Collections.Generic;
using System.Threading;

namespace Engine.DataPlane.Spd;

/// <summary>
/// The first packets of one binding held while IKE negotiates its SA (a "hold" policy rather than
/// "drop"). Bounded per binding; the buffers come from the shared pool, so a storm of acquires
/// cannot grow memory beyond the pool.
/// </summary>
internal sealed class HeldPacketQueue
{
    private readonly Lock gate = new();
    private readonly Queue<HeldPacket> packets = new();
    private readonly int limit;

    public HeldPacketQueue(int limit)
    {
        this.limit = limit;
    }

    public bool TryAdd(HeldPacket packet)
    {
        lock (gate)
        {
            if (packets.Count >= limit)
            {
                return false;
            }

            packets.Enqueue(packet);
            return true;
        }
    }

    /// <summary>Takes every held packet (to send them, or to drop them when the entry goes).</summary>
    public int TakeAll(List<HeldPacket> into)
    {
        lock (gate)
        {
            var count = packets.Count;
            while (packets.TryDequeue(out var packet))
            {
                into.Add(packet);
            }

            return count;
        }
    }

    /// <summary>Takes the packets held since before <paramref name="heldBefore"/> (timestamps); they are due to be dropped.</summary>
    public void TakeExpired(long heldBefore, List<HeldPacket> into)
    {
        lock (gate)
        {
            while (packets.TryPeek(out var packet) && packet.HeldAt < heldBefore)
            {
                into.Add(packets.Dequeue());
            }
        }
    }
}
