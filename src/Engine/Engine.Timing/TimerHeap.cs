using System;
using System.Threading;

namespace Engine.Timing;

/// <summary>
/// The timers of many owners on one clock: a min-heap by due time behind one <see cref="ITimer"/>
/// that is armed for the earliest entry. Why: an IKE SA keeps about five scheduled jobs and an
/// L2TP/PPP session two or three armed timers for its whole life, and a .NET timer each costs its
/// queue entry, the TimeProvider's wrapper and a callback (150-220 bytes) and a lock of the runtime's
/// timer queue to create and cancel. Scheduling and cancelling are O(log n) under one short lock; a
/// cancelled entry leaves the heap at once, so nothing keeps a closed SA or session alive.
/// </summary>
/// <remarks>
/// Due entries run one at a time, earliest first, on the clock's timer thread (or the thread that
/// advances a fake clock), outside the lock: each is taken out under the lock just before it runs, so
/// one that an earlier callback cancelled does not run. A callback may still meet an entry that was
/// scheduled again meanwhile; the token it was scheduled with tells the owner which schedule is due.
/// </remarks>
public sealed class TimerHeap<TEntry> : IDisposable
    where TEntry : TimerEntry
{
    private readonly TimeProvider time;
    private readonly Action<TEntry, long> onDue;
    private readonly long minimumDelay;
    private readonly Lock gate = new();
    private readonly ITimer timer;
    private TEntry[] heap = new TEntry[16];
    private int count;
    private long nextOrder;
    private long armedFor = long.MaxValue;
    private bool disposed;

    /// <param name="time">The clock: the system's, or a test's fake one.</param>
    /// <param name="onDue">Runs a due entry with the token it was scheduled with.</param>
    /// <param name="minimumDelay">
    /// The shortest delay an entry is scheduled with (at least one tick of the clock). Never zero: a
    /// fake clock runs a timer that is due when armed inside the arming call, under the heap's lock.
    /// </param>
    public TimerHeap(TimeProvider time, Action<TEntry, long> onDue, TimeSpan minimumDelay = default)
    {
        this.time = time;
        this.onDue = onDue;
        this.minimumDelay = Math.Max(ToTimestamp(minimumDelay), 1);
        timer = time.CreateTimer(static state => ((TimerHeap<TEntry>)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Entries waiting (for tests and statistics).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>Queues <paramref name="entry"/> to be due after <paramref name="delay"/>, replacing its earlier due time; nothing once disposed.</summary>
    public void Schedule(TEntry entry, TimeSpan delay, long token = 0)
    {
        var now = time.GetTimestamp();
        var at = now + Math.Max(ToTimestamp(delay), minimumDelay);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            if (entry.Index >= 0)
            {
                RemoveAt(entry.Index);
            }

            entry.Due = at;
            entry.Order = nextOrder++;
            entry.Token = token;
            Push(entry);
            if (at < armedFor)
            {
                Arm(at, now);
            }
        }
    }

    /// <summary>Takes <paramref name="entry"/> out of the heap; nothing if it is not queued here.</summary>
    public void Cancel(TEntry entry)
    {
        lock (gate)
        {
            var index = entry.Index;
            if (index >= 0 && index < count && heap[index] == entry)
            {
                RemoveAt(index);
            }
        }
    }

    /// <summary>Drops every entry and stops the clock's timer; later schedules are ignored.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            for (var i = 0; i < count; i++)
            {
                heap[i].Index = -1;
            }

            Array.Clear(heap, 0, count);
            count = 0;
        }

        timer.Dispose();
    }

    private void Fire()
    {
        lock (gate)
        {
            // The timer has fired: whatever is scheduled from here on arms it again.
            armedFor = long.MaxValue;
        }

        while (true)
        {
            TEntry entry;
            long token;
            lock (gate)
            {
                var now = time.GetTimestamp();
                if (count == 0 || heap[0].Due > now)
                {
                    if (count > 0 && heap[0].Due < armedFor)
                    {
                        Arm(heap[0].Due, now);
                    }

                    return;
                }

                entry = heap[0];
                token = entry.Token;
                RemoveAt(0);
            }

            onDue(entry, token);
        }
    }

    // Under the lock.
    private void Arm(long at, long now)
    {
        armedFor = at;
        var wait = FromTimestamp(Math.Max(at - now, 1));
        timer.Change(TimeSpan.FromTicks(Math.Max(wait, 1)), Timeout.InfiniteTimeSpan);
    }

    private long ToTimestamp(TimeSpan span) => span <= TimeSpan.Zero ? 0
        : time.TimestampFrequency == TimeSpan.TicksPerSecond ? span.Ticks
        : (long)Math.Ceiling(span.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);

    // Rounded up, so that the clock's timer never fires before the earliest entry is due.
    private long FromTimestamp(long timestamps) =>
        time.TimestampFrequency == TimeSpan.TicksPerSecond ? timestamps
        : (long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / time.TimestampFrequency);

    private static bool Earlier(TEntry a, TEntry b) => a.Due < b.Due || (a.Due == b.Due && a.Order < b.Order);

    private void Push(TEntry entry)
    {
        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        heap[count] = entry;
        entry.Index = count;
        count++;
        SiftUp(entry.Index);
    }

    private void RemoveAt(int index)
    {
        heap[index].Index = -1;
        count--;
        if (index != count)
        {
            var last = heap[count];
            heap[index] = last;
            last.Index = index;
            heap[count] = null!;
            SiftUp(index);
            SiftDown(last.Index);
        }
        else
        {
            heap[count] = null!;
        }

        // A heap that grew for a burst gives its memory back once the burst is over.
        if (heap.Length > 64 && count < heap.Length / 4)
        {
            Array.Resize(ref heap, heap.Length / 2);
        }
    }

    private void SiftUp(int index)
    {
        var entry = heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!Earlier(entry, heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            heap[index].Index = index;
            index = parent;
        }

        heap[index] = entry;
        entry.Index = index;
    }

    private void SiftDown(int index)
    {
        var entry = heap[index];
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Earlier(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Earlier(heap[child], entry))
            {
                break;
            }

            heap[index] = heap[child];
            heap[index].Index = index;
            index = child;
        }

        heap[index] = entry;
        entry.Index = index;
    }
}
