using System;
using System.Collections.Generic;
using System.Threading;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// Hands out crypto slots to packet loops: slot 0 is the control worker's, 1..N the loops'. A
/// disposed loop's worker (slot and counters) goes back to be reused, so counters keep adding up.
/// </summary>
internal sealed class WorkerSlots
{
    private readonly Lock gate = new();
    private readonly Stack<PacketWorker> free = new();
    private readonly List<PacketWorker> all = [];
    private readonly int loopLimit;

    public WorkerSlots(int loopLimit, ControlWorker control)
    {
        this.loopLimit = loopLimit;
        all.Add(control.Worker);
    }

    /// <summary>Crypto slots per SA: the control worker's and one per possible loop.</summary>
    public int SlotCount => loopLimit + 1;

    public PacketWorker Rent()
    {
        lock (gate)
        {
            if (free.TryPop(out var worker))
            {
                return worker;
            }

            if (all.Count > loopLimit)
            {
                throw new InvalidOperationException($"The data plane runs at most {loopLimit} packet loops (DataPlaneOptions.MaximumPacketLoops).");
            }

            worker = new PacketWorker(all.Count);
            all.Add(worker);
            return worker;
        }
    }

    public void Return(PacketWorker worker)
    {
        lock (gate)
        {
            free.Push(worker);
        }
    }

    /// <summary>Every worker's counters summed.</summary>
    public long[] SumCounters()
    {
        var totals = new long[(int)DataPlaneCounter.Count];
        lock (gate)
        {
            foreach (var worker in all)
            {
                worker.Counters.AddTo(totals);
            }
        }

        return totals;
    }
}
