using Engine.Timing;

namespace Engine.L2tp.Timing;

/// <summary>
/// A timer kept in the clock's shared <see cref="TimerQueue"/>: the owner derives from it and gets
/// <see cref="OnDue"/> when it expires.
/// </summary>
internal abstract class QueuedTimer : TimerEntry
{
    /// <summary>
    /// Called on the clock's timer thread (or the thread advancing a fake clock), outside the queue's
    /// lock, with the token it was scheduled with. It may already have been cancelled or scheduled
    /// again meanwhile: the owner checks the token (or its own state) under its own lock.
    /// </summary>
    protected internal abstract void OnDue(long token);
}
