using System;
using System.Threading;

namespace Engine.DataPlane.Sa;

/// <summary>
/// Per-worker crypto objects of one SA, keyed lazily on a worker's first packet. A worker leases
/// its slot for the duration of one packet; deleting the SA disposes every idle context at once
/// and leaves a leased one to its worker, which disposes it on release. So a packet in flight
/// never sees its native context freed under it, and the steady state costs two uncontended
/// interlocked operations on a slot no other worker touches.
/// </summary>
/// <remarks>
/// Slots are small objects created on first use, so an SA costs one reference per possible
/// worker plus a slot per worker that actually used it; slots of different workers are separate
/// allocations (made by different threads) and so do not share a cache line. Keys are only read
/// to key a new context, under a lock that retirement also takes before wiping them: no context
/// can be keyed from wiped keys.
/// </remarks>
internal sealed class SaCryptoSlots : IDisposable
{
    private const int Idle = 0;
    private const int Leased = 1;
    private const int Retired = 2;

    private readonly SaTransform transform;
    private readonly Slot?[] slots;
    private readonly Lock keyGate = new();
    private bool retired;

    public SaCryptoSlots(SaTransform transform, int slotCount)
    {
        this.transform = transform;
        slots = new Slot?[slotCount];
    }

    /// <summary>The slot's context, keyed on first use; null once the SA is retired.</summary>
    public SaCryptoContext? Lease(int index)
    {
        var slot = Volatile.Read(ref slots[index]) ?? CreateSlot(index);
        if (Interlocked.CompareExchange(ref slot.State, Leased, Idle) != Idle)
        {
            return null;
        }

        if (slot.Context is null)
        {
            lock (keyGate)
            {
                if (!retired)
                {
                    slot.Context = transform.CreateContext();
                }
            }

            if (slot.Context is null)
            {
                Release(index);
                return null;
            }
        }

        return slot.Context;
    }

    public void Release(int index)
    {
        var slot = slots[index]!;
        if (Interlocked.CompareExchange(ref slot.State, Idle, Leased) == Retired)
        {
            // Retired while this worker held it: the disposal is ours.
            slot.Context?.Dispose();
            slot.Context = null;
        }
    }

    /// <summary>Retires every slot: idle contexts are disposed now, leased ones on release; the keys are wiped.</summary>
    public void Dispose()
    {
        lock (keyGate)
        {
            if (retired)
            {
                return;
            }

            retired = true;
            transform.Dispose();
        }

        for (var index = 0; index < slots.Length; index++)
        {
            var slot = Volatile.Read(ref slots[index]);
            if (slot is not null && Interlocked.Exchange(ref slot.State, Retired) == Idle)
            {
                slot.Context?.Dispose();
                slot.Context = null;
            }
        }
    }

    private Slot CreateSlot(int index)
    {
        var created = new Slot();
        return Interlocked.CompareExchange(ref slots[index], created, null) ?? created;
    }

    private sealed class Slot
    {
        public int State;
        public SaCryptoContext? Context;
    }
}
