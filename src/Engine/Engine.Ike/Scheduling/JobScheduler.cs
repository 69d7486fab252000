using System.Threading;

namespace Engine.Ike.Scheduling;

/// <summary>
/// Timers as scheduled jobs on a <see cref="TimeProvider"/>: the system clock in the engine, a
/// fake clock in tests (whose Advance runs due jobs on the calling thread). Every job runs through
/// <c>dispatch</c>, which takes the engine's lock, so jobs never race with received datagrams.
/// </summary>
/// <remarks>
/// One timer of the clock serves all of the engine's jobs: they wait in a heap ordered by due time
/// (then by when they were scheduled) and the timer is armed for the earliest. An ISAKMP SA keeps
/// about five jobs (half-open timeout, expiry, DPD, keepalive, retransmissions) and a quick mode SA
/// two; one .NET timer each cost a TimerQueueTimer, its wrapper and boxed state per job, and a lock
/// of the runtime's timer queue to create and to cancel. A cancelled job leaves the heap at once,
/// so that an SA that is gone is not kept alive by the jobs it cancelled until they would have run.
/// </remarks>
internal sealed class JobScheduler : IDisposable
{
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(1);
    private readonly TimeProvider time;
    private readonly Action<Action> dispatch;
    private readonly Lock heapLock = new();
    private readonly ITimer timer;
    private ScheduledJob[] heap = new ScheduledJob[16];
    private int count;
    private long sequence;
    private long armedFor = long.MaxValue;
    private bool disposed;

    public JobScheduler(TimeProvider time, Action<Action> dispatch)
    {
        this.time = time;
        this.dispatch = dispatch;
        timer = time.CreateTimer(static state => ((JobScheduler)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Jobs waiting to run (for tests and statistics).</summary>
    public int Pending
    {
        get
        {
            lock (heapLock)
            {
                return count;
            }
        }
    }

    public ScheduledJob Schedule(TimeSpan delay, string name, Action job)
    {
        var scheduled = new ScheduledJob(this, name, job);

        // Never zero: a fake clock runs a timer that is due when armed inside the arming call, which
        // would re-enter the caller.
        var due = Now + (delay < MinimumDelay ? MinimumDelay : delay);
        lock (heapLock)
        {
            if (disposed)
            {
                return scheduled;
            }

            scheduled.Due = due.UtcTicks;
            scheduled.Sequence = sequence++;
            Push(scheduled);
            if (heap[0] == scheduled)
            {
                Arm();
            }
        }

        return scheduled;
    }

    /// <summary>Takes a cancelled job out of the heap.</summary>
    internal void Remove(ScheduledJob job)
    {
        lock (heapLock)
        {
            var index = job.HeapIndex;
            if (index < 0 || index >= count || heap[index] != job)
            {
                return;
            }

            RemoveAt(index);
        }
    }

    public void Dispose()
    {
        lock (heapLock)
        {
            disposed = true;
            for (var i = 0; i < count; i++)
            {
                heap[i].HeapIndex = -1;
            }

            Array.Clear(heap, 0, count);
            count = 0;
        }

        timer.Dispose();
    }

    private void OnTimer()
    {
        lock (heapLock)
        {
            // The timer has fired: whatever is scheduled from here on arms it again.
            armedFor = long.MaxValue;
        }

        while (true)
        {
            ScheduledJob? next;
            lock (heapLock)
            {
                if (count == 0 || heap[0].Due > Now.UtcTicks)
                {
                    if (count > 0)
                    {
                        Arm();
                    }

                    return;
                }

                next = heap[0];
                RemoveAt(0);
            }

            // One at a time, earliest first: a job may schedule or cancel others.
            dispatch(next.RunIfPending);
        }
    }

    /// <summary>Arms the clock's timer for the earliest job (heap lock held).</summary>
    private void Arm()
    {
        var due = heap[0].Due;
        if (due >= armedFor)
        {
            return;
        }

        armedFor = due;
        var wait = TimeSpan.FromTicks(due - Now.UtcTicks);
        timer.Change(wait < MinimumDelay ? MinimumDelay : wait, Timeout.InfiniteTimeSpan);
    }

    private void Push(ScheduledJob job)
    {
        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        heap[count] = job;
        job.HeapIndex = count;
        count++;
        Up(count - 1);
    }

    private void RemoveAt(int index)
    {
        var removed = heap[index];
        removed.HeapIndex = -1;
        count--;
        if (index != count)
        {
            var last = heap[count];
            heap[index] = last;
            last.HeapIndex = index;
            heap[count] = null!;
            Up(index);
            Down(last.HeapIndex);
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

    private void Up(int index)
    {
        var job = heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!Earlier(job, heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            heap[index].HeapIndex = index;
            index = parent;
        }

        heap[index] = job;
        job.HeapIndex = index;
    }

    private void Down(int index)
    {
        var job = heap[index];
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

            if (!Earlier(heap[child], job))
            {
                break;
            }

            heap[index] = heap[child];
            heap[index].HeapIndex = index;
            index = child;
        }

        heap[index] = job;
        job.HeapIndex = index;
    }

    private static bool Earlier(ScheduledJob a, ScheduledJob b) => a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);
}
