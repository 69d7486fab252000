using System.Threading;

namespace Engine.Ike.Scheduling;

/// <summary>
/// Timers as scheduled jobs on a <see cref="TimeProvider"/>: the system clock in the engine, a
/// fake clock in tests (whose Advance runs due jobs on the calling thread). Every job runs through
/// <c>dispatch</c>, which takes the engine's lock, so jobs never race with received datagrams.
/// </summary>
internal sealed class JobScheduler
{
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(1);
    private readonly TimeProvider time;
    private readonly Action<Action> dispatch;

    public JobScheduler(TimeProvider time, Action<Action> dispatch)
    {
        this.time = time;
        this.dispatch = dispatch;
    }

    public DateTimeOffset Now => time.GetUtcNow();

    public ScheduledJob Schedule(TimeSpan delay, string name, Action job)
    {
        var scheduled = new ScheduledJob(name, job);
        var timer = time.CreateTimer(
            static state =>
            {
                var (owner, pending) = ((JobScheduler, ScheduledJob))state!;
                owner.dispatch(pending.RunIfPending);
            },
            (this, scheduled),
            // Never zero: a fake clock runs a due timer inside CreateTimer, which would re-enter the caller.
            delay < MinimumDelay ? MinimumDelay : delay,
            Timeout.InfiniteTimeSpan);
        scheduled.Attach(timer);
        return scheduled;
    }
}
