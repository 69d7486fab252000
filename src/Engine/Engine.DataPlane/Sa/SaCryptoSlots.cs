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
/// Slots are small objects created on first use, in an array that grows to the highest worker
/// index that used the SA (not to every possible worker: a gateway's SA is used by one or two
/// workers, and an array for all of them was 160 bytes per SA); slots of different workers are
/// separate allocations (made by different threads) and so do not share a cache line. A slot,
/// once created, stays the same object in every later array, so a worker that read an older
/// array still leases the right slot. Slots are created and the array replaced under the key
/// lock. Keys are only read to key a new context, under that lock, which retirement also takes
/// before wiping them: no context can be keyed from wiped keys.
/// </remarks>
internal sealed class SaCryptoSlots : IDisposable
{
    private const int Idle = 0;
    private const int Leased = 1;
    private const int Retired = 2;

    private readonly SaTransform transform;
    private readonly int slotCount;
    private readonly Lock keyGate = new();
    private Slot?[] slots = [];
    private bool retired;

    public SaCryptoSlots(SaTransform transform, int slotCount)
    {
        this.transform = transform;
        this.slotCount = slotCount;
    }

    /// <summary>The slot's context, keyed on first use; null once the SA is retired.</summary>
    public SaCryptoContext? Lease(int index)
    {
        var current = Volatile.Read(ref slots);
        var slot = (uint)index < (uint)current.Length ? current[index] : null;
        slot ??= CreateSlot(index);
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
        var slot = Volatile.Read(ref slots)[index]!;
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
        // Every slot created before retirement is in the array read here (both under the key
        // lock); one created later finds the SA retired when it leases.
        Slot?[] all;
        lock (keyGate)
        {
            if (retired)
            {
                return;
            }

            retired = true;
            transform.Dispose();
            all = slots;
        }

        foreach (var slot in all)
        {
            if (slot is not null && Interlocked.Exchange(ref slot.State, Retired) == Idle)
            {
                slot.Context?.Dispose();
                slot.Context = null;
            }
        }
    }

    private Slot CreateSlot(int index)
    {
        if ((uint)index >= (uint)slotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The data plane has {slotCount} crypto slots per SA.");
        }

        lock (keyGate)
        {
            var current = slots;
            if (index < current.Length && current[index] is { } existing)
            {
                return existing;
            }

            var grown = new Slot?[Math.Max(index + 1, current.Length)];
            current.CopyTo(grown, 0);
            var created = new Slot();
            grown[index] = created;
            Volatile.Write(ref slots, grown);
            return created;
        }
    }

    private sealed class Slot
    {
        public int State;
        public SaCryptoContext? Context;
    }
}
