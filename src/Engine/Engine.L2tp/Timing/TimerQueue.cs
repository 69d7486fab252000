using System;
using System.Runtime.CompilerServices;
using Engine.Timing;

namespace Engine.L2tp.Timing;

/// <summary>
/// The L2TP and PPP timers of every tunnel and session on one clock share one
/// <see cref="TimerHeap{TEntry}"/>: a VPN gateway keeps two or three armed per session for its whole
/// life (the LCP echo, the idle limit, the L2TP Hello), and a .NET timer each would cost its queue
/// entry, the TimeProvider's wrapper and a callback; here a timer is a few fields of its owner.
/// </summary>
internal static class TimerQueue
{
    private static readonly ConditionalWeakTable<TimeProvider, TimerHeap<QueuedTimer>> Queues = new();

    /// <summary>The queue of <paramref name="time"/> (one per clock: the system's, or a test's fake one).</summary>
    public static TimerHeap<QueuedTimer> For(TimeProvider time) =>
        Queues.GetValue(time, static clock => new TimerHeap<QueuedTimer>(clock, static (timer, token) => timer.OnDue(token)));
}
