using System.Threading;

namespace Engine.Timing;

/// <summary>
/// One timer in a <see cref="TimerHeap{TEntry}"/>: the owner's object derives from it, so that an
/// armed timer costs a few fields instead of a .NET timer, its provider wrapper and a callback. Its
/// fields belong to the heap and change only under the heap's lock.
/// </summary>
public abstract class TimerEntry
{
    /// <summary>When it is due, in <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    internal long Due;

    /// <summary>Scheduling order: of two entries due at once, the one scheduled first runs first.</summary>
    internal long Order;

    /// <summary>What the owner passed to <see cref="TimerHeap{TEntry}.Schedule"/>, handed back when it is due.</summary>
    internal long Token;

    /// <summary>Its place in the heap; -1 while it is not queued.</summary>
    internal int Index = -1;

    /// <summary>Whether it waits in a heap (neither due yet nor cancelled).</summary>
    public bool IsQueued => Volatile.Read(ref Index) >= 0;
}
