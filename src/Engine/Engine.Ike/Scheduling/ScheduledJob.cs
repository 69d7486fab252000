using System.Threading;

namespace Engine.Ike.Scheduling;

/// <summary>
/// A job that runs once after a delay unless cancelled first (strongSwan's scheduler jobs:
/// retransmit, rekey, delete, DPD, keepalive). Cancelling is idempotent and wins over a timer that
/// already fired but has not yet got the engine's lock.
/// </summary>
internal sealed class ScheduledJob : IDisposable
{
    private readonly Action job;
    private ITimer? timer;

    public ScheduledJob(string name, Action job)
    {
        Name = name;
        this.job = job;
    }

    public string Name { get; }

    public bool IsCancelled { get; private set; }

    public bool HasRun { get; private set; }

    public bool IsPending => !IsCancelled && !HasRun;

    internal void Attach(ITimer attached) => timer = attached;

    /// <summary>Runs the job unless it was cancelled; called with the engine's lock held.</summary>
    internal void RunIfPending()
    {
        if (!IsPending)
        {
            return;
        }

        HasRun = true;
        timer?.Dispose();
        job();
    }

    public void Cancel()
    {
        IsCancelled = true;
        timer?.Dispose();
    }

    public void Dispose() => Cancel();

    public override string ToString() => Name;
}
