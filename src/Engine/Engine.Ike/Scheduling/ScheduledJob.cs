using Engine.Timing;

namespace Engine.Ike.Scheduling;

/// <summary>
/// A job that runs once after a delay unless cancelled first (strongSwan's scheduler jobs:
/// retransmit, rekey, delete, DPD, keepalive). Cancelling is idempotent, takes the job out of its
/// scheduler's queue, and wins over a job that is already due but has not yet got the engine's lock.
/// </summary>
internal sealed class ScheduledJob : TimerEntry, IDisposable
{
    private readonly JobScheduler scheduler;
    private readonly Action job;

    public ScheduledJob(JobScheduler scheduler, string name, Action job)
    {
        this.scheduler = scheduler;
        Name = name;
        this.job = job;
    }

    public string Name { get; }

    public bool IsCancelled { get; private set; }

    public bool HasRun { get; private set; }

    public bool IsPending => !IsCancelled && !HasRun;

    /// <summary>Runs the job unless it was cancelled; called with the engine's lock held.</summary>
    internal void RunIfPending()
    {
        if (!IsPending)
        {
            return;
        }

        HasRun = true;
        job();
    }

    public void Cancel()
    {
        if (IsCancelled)
        {
            return;
        }

        IsCancelled = true;
        if (!HasRun)
        {
            scheduler.Remove(this);
        }
    }

    public void Dispose() => Cancel();

    public override string ToString() => Name;
}
