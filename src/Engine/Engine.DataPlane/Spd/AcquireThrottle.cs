using System;
using System.Threading;

namespace Engine.DataPlane.Spd;

/// <summary>
/// Remembers which acquires were reported recently, so each (entry, source, destination) is
/// reported once per retry interval however many packets arrive. A fixed table of 4-way sets
/// keyed by a hash: no allocation, bounded memory; when a set is full the oldest entry goes,
/// which at worst reports an evicted selector again early.
/// </summary>
internal sealed class AcquireThrottle
{
    private const int Sets = 256;
    private const int Ways = 4;

    private readonly Lock gate = new();
    private readonly Slot[] slots = new Slot[Sets * Ways];
    private readonly TimeProvider time;
    private readonly TimeSpan interval;

    public AcquireThrottle(TimeProvider time, TimeSpan interval)
    {
        this.time = time;
        this.interval = interval;
    }

    /// <summary>True when this selector was not reported within the interval; records the report.</summary>
    public bool ShouldReport(int entryId, UInt128 source, UInt128 destination, long now)
    {
        var set = (HashCode.Combine(entryId, source, destination) & (Sets - 1)) * Ways;
        lock (gate)
        {
            var oldest = set;
            for (var i = set; i < set + Ways; i++)
            {
                ref var slot = ref slots[i];
                if (slot.Used && slot.EntryId == entryId && slot.Source == source && slot.Destination == destination)
                {
                    if (time.GetElapsedTime(slot.ReportedAt, now) < interval)
                    {
                        return false;
                    }

                    slot.ReportedAt = now;
                    return true;
                }

                if (!slot.Used || (slots[oldest].Used && slot.ReportedAt < slots[oldest].ReportedAt))
                {
                    oldest = i;
                }
            }

            slots[oldest] = new Slot { Used = true, EntryId = entryId, Source = source, Destination = destination, ReportedAt = now };
            return true;
        }
    }

    /// <summary>Forgets an entry's reports, so that its next packet asks again at once (the entry changed or its SA went).</summary>
    public void Forget(int entryId)
    {
        lock (gate)
        {
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].EntryId == entryId)
                {
                    slots[i] = default;
                }
            }
        }
    }

    private struct Slot
    {
        public bool Used;
        public int EntryId;
        public UInt128 Source;
        public UInt128 Destination;
        public long ReportedAt;
    }
}
