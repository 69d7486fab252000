namespace Engine.L2tp.Timing;

/// <summary>
/// A timer kept in a <see cref="TimerQueue"/>: the owner derives from it and gets
/// <see cref="OnDue"/> when it expires. Its fields belong to the queue and change only under the
/// queue's lock.
/// </summary>
internal abstract class QueuedTimer
{
    /// <summary>When it is due, in <see cref="System.TimeProvider.GetTimestamp"/> units.</summary>
    internal long Due;

    /// <summary>Scheduling order: of two timers due at the same time, the one scheduled first fires first.</summary>
    internal long Order;

    /// <summary>What the owner passed to <see cref="TimerQueue.Schedule"/>; handed back to <see cref="OnDue"/>.</summary>
    internal long Token;

    /// <summary>Its place in the queue's heap; -1 while it is not queued.</summary>
    internal int Index = -1;

    /// <summary>
    /// Called on a thread-pool thread (or the thread advancing a fake clock), outside the queue's
    /// lock, with the token it was scheduled with. It may already have been cancelled or scheduled
    /// again meanwhile: the owner checks the token (or its own state) under its own lock.
    /// </summary>
    protected internal abstract void OnDue(long token);
}
