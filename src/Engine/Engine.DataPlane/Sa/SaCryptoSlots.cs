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
internal sealed class SaCryptoSlots : IDisposable
{
    private const int Idle = 0;
    private const int Leased = 1;
    private const int Retired = 2;

    private readonly SaTransform transform;
    private readonly SaCryptoContext?[] contexts;
    private readonly int[] states;

    // Who still needs the keys after retirement: Dispose itself plus every worker that held a
    // lease at that moment (it may be keying its context from them). The last one wipes them.
    private int keyHolders = 1;
    private int disposed;

    public SaCryptoSlots(SaTransform transform, int slotCount)
    {
        this.transform = transform;
        contexts = new SaCryptoContext?[slotCount];

        // Spread the state words over separate cache lines: each belongs to one worker.
        states = new int[slotCount * StateStride];
    }

    // 16 ints = 64 bytes: one cache line per slot.
    private static int StateStride => 16;

    /// <summary>The slot's context, keyed on first use; null once the SA is retired.</summary>
    public SaCryptoContext? Lease(int slot)
    {
        ref var state = ref states[slot * StateStride];
        if (Interlocked.CompareExchange(ref state, Leased, Idle) != Idle)
        {
            return null;
        }

        return contexts[slot] ??= transform.CreateContext();
    }

    public void Release(int slot)
    {
        ref var state = ref states[slot * StateStride];
        if (Interlocked.CompareExchange(ref state, Idle, Leased) == Retired)
        {
            // Retired while this worker held it: the disposal is ours.
            contexts[slot]?.Dispose();
            contexts[slot] = null;
            ReleaseKeys();
        }
    }

    /// <summary>Retires every slot: idle contexts are disposed now, leased ones on release.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Count every slot as a holder first, so that a lease released during this loop cannot
        // wipe the keys while a later slot's worker is still keying from them.
        Interlocked.Add(ref keyHolders, contexts.Length);
        for (var slot = 0; slot < contexts.Length; slot++)
        {
            var previous = Interlocked.Exchange(ref states[slot * StateStride], Retired);
            if (previous == Leased)
            {
                continue;
            }

            if (previous == Idle)
            {
                contexts[slot]?.Dispose();
                contexts[slot] = null;
            }

            ReleaseKeys();
        }

        ReleaseKeys();
    }

    private void ReleaseKeys()
    {
        if (Interlocked.Decrement(ref keyHolders) == 0)
        {
            transform.Dispose();
        }
    }
}
