using System;
using System.Threading;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>
/// A one-shot timer that exists only while it is armed. A tunnel's retransmission, acknowledgment
/// and hold timers are idle for almost all of its life, and a stopped .NET timer still costs its
/// queue entry and provider wrapper (about 120 bytes each); with 10,000 VPN sessions that is a
/// megabyte for timers nobody waits on. This creates the timer when armed and disposes it when
/// cancelled. Arming and cancelling are called under the owner's lock, as the owner's state that
/// decides them is; an expiry that was already on its way when the timer was cancelled still runs
/// its callback, which re-checks that state under the same lock (as with a stopped .NET timer).
/// </summary>
internal sealed class DemandTimer : IDisposable
{
    private readonly TimeProvider time;
    private readonly TimerCallback callback;
    private readonly object state;
    private ITimer? timer;
    private bool disposed;

    public DemandTimer(TimeProvider time, TimerCallback callback, object state)
    {
        this.time = time;
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

        if (timer is null)
        {
            timer = time.CreateTimer(callback, state, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    public void Cancel()
    {
        timer?.Dispose();
        timer = null;
    }

    public void Dispose()
    {
        disposed = true;
        Cancel();
    }
}
