using System;
using System.Threading;

namespace Engine.L2tp.Ppp.Core;

/// <summary>
/// A one-shot timer whose expiry runs under the session lock. Every start gets a new generation,
/// so an expiry that was already on its way when the timer was stopped or restarted is ignored.
/// Start and Stop are called under the session lock.
/// </summary>
internal sealed class PppTimer : IDisposable
{
    private readonly PppContext context;
    private readonly Action<object> onExpired;
    private readonly object owner;
    private ITimer? timer;
    private long generation;

    public PppTimer(PppContext context, Action<object> onExpired, object owner)
    {
        this.context = context;
        this.onExpired = onExpired;
        this.owner = owner;
    }

    public bool IsRunning => timer is not null;

    public void Start(TimeSpan due)
    {
        Stop();
        var started = generation;
        timer = context.Time.CreateTimer(_ => context.Run(() => Expire(started)), null, due, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        generation++;
        timer?.Dispose();
        timer = null;
    }

    public void Dispose() => Stop();

    private void Expire(long started)
    {
        if (started != generation || timer is null)
        {
            return;
        }

        timer.Dispose();
        timer = null;
        onExpired(owner);
    }
}
