using Engine.Timing;

namespace Engine.Ike.Scheduling;

/// <summary>
/// Timers as scheduled jobs on a <see cref="TimeProvider"/>: the system clock in the engine, a
/// fake clock in tests (whose Advance runs due jobs on the calling thread). Every job runs through
/// <c>dispatch</c>, which takes the engine's lock, so jobs never race with received datagrams.
/// </summary>
/// <remarks>
/// One timer of the clock serves all of the engine's jobs (<see cref="TimerHeap{TEntry}"/>): they
/// wait in a heap ordered by due time (then by when they were scheduled), run one at a time. An ISAKMP SA keeps
/// about five jobs (half-open timeout, expiry, DPD, keepalive, retransmissions) and a quick mode SA
/// two; one .NET timer each cost a TimerQueueTimer, its wrapper and boxed state per job, and a lock
/// of the runtime's timer queue to create and to cancel. A cancelled job leaves the heap at once,
/// so that an SA that is gone is not kept alive by the jobs it cancelled until they would have run.
/// </remarks>
internal sealed class JobScheduler : IDisposable
{
    // Never zero: a fake clock runs a timer that is due when armed inside the arming call, which
    // would re-enter the caller.
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(1);
    private readonly TimeProvider time;
    private readonly TimerHeap<ScheduledJob> jobs;

    public JobScheduler(TimeProvider time, Action<Action> dispatch)
    {
        this.time = time;
        jobs = new TimerHeap<ScheduledJob>(time, (job, _) => dispatch(job.RunIfPending), MinimumDelay);
    }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Jobs waiting to run (for tests and statistics).</summary>
    public int Pending => jobs.Count;

    public ScheduledJob Schedule(TimeSpan delay, string name, Action job)
    {
        var scheduled = new ScheduledJob(this, name, job);
        jobs.Schedule(scheduled, delay);
        return scheduled;
    }

    /// <summary>Takes a cancelled job out of the heap.</summary>
    internal void Remove(ScheduledJob job) => jobs.Cancel(job);

    public void Dispose() => jobs.Dispose();
}
