using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Engine.L2tp.Timing;

/// <summary>
/// The L2TP and PPP timers of every tunnel and session on one clock, in one min-heap behind one
/// .NET timer that is armed for the earliest. Why: a .NET timer costs its queue entry, the
/// TimeProvider's wrapper and a callback delegate (about 180-220 bytes live while armed), and a VPN
/// gateway keeps two or three armed per session for its whole life (the LCP echo, the idle limit,
/// the L2TP Hello); here a timer is a few fields of its owner. Scheduling and cancelling are
/// O(log n) under one short lock; a cancelled timer leaves the heap at once, so nothing keeps a
/// closed session alive.
/// </summary>
internal sealed class TimerQueue
{
    private static readonly ConditionalWeakTable<TimeProvider, TimerQueue> Queues = new();

    private readonly TimeProvider time;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private QueuedTimer[] heap = new QueuedTimer[16];
    private int count;
    private long nextOrder;
    private long armedFor = long.MaxValue;

    private TimerQueue(TimeProvider time)
    {
        this.time = time;
        timer = time.CreateTimer(static state => ((TimerQueue)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The queue of <paramref name="time"/> (one per clock: the system's, or a test's fake one).</summary>
    public static TimerQueue For(TimeProvider time) => Queues.GetValue(time, static t => new TimerQueue(t));

    /// <summary>Queues <paramref name="entry"/> to be due after <paramref name="due"/>, replacing its earlier due time.</summary>
    public void Schedule(QueuedTimer entry, TimeSpan due, long token = 0)
    {
        long now = time.GetTimestamp();
        long at = now + ToTimestamp(due < TimeSpan.Zero ? TimeSpan.Zero : due);
        lock (gate)
        {
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

    /// <summary>Takes <paramref name="entry"/> out of the queue; nothing if it is not queued.</summary>
    public void Cancel(QueuedTimer entry)
    {
        lock (gate)
        {
            if (entry.Index >= 0)
            {
                RemoveAt(entry.Index);
            }
        }
    }

    /// <summary>Timers queued (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    private void Fire()
    {
        List<(QueuedTimer Entry, long Token)>? due = null;
        lock (gate)
        {
            long now = time.GetTimestamp();
            armedFor = long.MaxValue;
            while (count > 0 && heap[0].Due <= now)
            {
                var entry = heap[0];
                RemoveAt(0);
                (due ??= []).Add((entry, entry.Token));
            }

            if (count > 0)
            {
                Arm(heap[0].Due, now);
            }
        }

        if (due is null)
        {
            return;
        }

        foreach (var (entry, token) in due)
        {
            entry.OnDue(token);
        }
    }

    // Under the lock. Never a zero delay: a fake clock fires a zero-delay timer inside Change, which
    // would run the expiries under this lock.
    private void Arm(long at, long now)
    {
        armedFor = at;
        long ticks = FromTimestamp(Math.Max(at - now, 0));
        timer.Change(TimeSpan.FromTicks(Math.Max(ticks, 1)), Timeout.InfiniteTimeSpan);
    }

    private long ToTimestamp(TimeSpan span) =>
        time.TimestampFrequency == TimeSpan.TicksPerSecond ? span.Ticks : (long)Math.Ceiling(span.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);

    // Rounded up, so that the .NET timer never fires before the earliest entry is due.
    private long FromTimestamp(long timestamps) =>
        time.TimestampFrequency == TimeSpan.TicksPerSecond ? timestamps : (long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / time.TimestampFrequency);

    private static bool Earlier(QueuedTimer a, QueuedTimer b) => a.Due < b.Due || (a.Due == b.Due && a.Order < b.Order);

    private void Push(QueuedTimer entry)
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
        var removed = heap[index];
        removed.Index = -1;
        count--;
        if (index == count)
        {
            heap[count] = null!;
            return;
        }

        var last = heap[count];
        heap[count] = null!;
        heap[index] = last;
        last.Index = index;
        if (index > 0 && Earlier(last, heap[(index - 1) / 2]))
        {
            SiftUp(index);
        }
        else
        {
            SiftDown(index);
        }
    }

    private void SiftUp(int index)
    {
        var entry = heap[index];
        while (index > 0)
        {
            int parent = (index - 1) / 2;
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
            int child = (2 * index) + 1;
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
