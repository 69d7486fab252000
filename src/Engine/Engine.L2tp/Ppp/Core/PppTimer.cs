using System;
using Engine.L2tp.Timing;
using Engine.Timing;

namespace Engine.L2tp.Ppp.Core;

/// <summary>
/// A one-shot timer whose expiry runs under the session lock. Every start gets a new generation,
/// so an expiry that was already on its way when the timer was stopped or restarted is ignored.
/// Start and Stop are called under the session lock. It lives in the clock's shared
/// <see cref="TimerQueue"/> rather than as a .NET timer of its own (memory per session: a gateway's
/// sessions keep their LCP echo and idle timers armed for their whole life).
/// </summary>
internal sealed class PppTimer : QueuedTimer, IDisposable
{
    private readonly PppContext context;
    private readonly Action<object> onExpired;
    private readonly object owner;
    private readonly TimerHeap<QueuedTimer> queue;
    private bool running;
    private long generation;

    public PppTimer(PppContext context, Action<object> onExpired, object owner)
    {
        this.context = context;
        this.onExpired = onExpired;
        this.owner = owner;
        queue = TimerQueue.For(context.Time);
    }

    public bool IsRunning => running;

    public void Start(TimeSpan due)
    {
        Stop();
        running = true;
        queue.Schedule(this, due, generation);
    }

    public void Stop()
    {
        generation++;
        if (running)
        {
            running = false;
            queue.Cancel(this);
        }
    }

    public void Dispose() => Stop();

    protected internal override void OnDue(long token) => context.Run(() => Expire(token));

    private void Expire(long started)
    {
        if (started != generation || !running)
        {
            return;
        }

        running = false;
        onExpired(owner);
    }
}
