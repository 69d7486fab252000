using System;
using System.Threading;
using Engine.L2tp.Timing;
using Engine.Timing;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>
/// A one-shot timer of a tunnel (retransmission, acknowledgment, hold, Hello) in the clock's shared
/// <see cref="TimerQueue"/>: a .NET timer of its own would cost its queue entry, provider wrapper and
/// callback (about 120-180 bytes) for every tunnel of a 10,000-session VPN gateway, most of them for
/// timers nobody waits on. Arming and cancelling are called under the owner's lock, as the owner's
/// state that decides them is; an expiry that was already on its way when the timer was cancelled
/// still runs its callback, which re-checks that state under the same lock (as with a stopped .NET
/// timer).
/// </summary>
internal sealed class DemandTimer : QueuedTimer, IDisposable
{
    private readonly TimerHeap<QueuedTimer> queue;
    private readonly TimerCallback callback;
    private readonly object state;
    private bool disposed;

    public DemandTimer(TimeProvider time, TimerCallback callback, object state)
    {
        queue = TimerQueue.For(time);
        this.callback = callback;
        this.state = state;
    }

    /// <summary>Fires once after <paramref name="due"/> (replacing any earlier due time); nothing once disposed.</summary>
    public void Schedule(TimeSpan due)
    {
        if (disposed)
        {
            return;
        }

        queue.Schedule(this, due);
    }

    public void Cancel() => queue.Cancel(this);

    public void Dispose()
    {
        disposed = true;
        Cancel();
    }

    protected internal override void OnDue(long token) => callback(state);
}
