using System.Runtime.ExceptionServices;
using System.Threading;

namespace Engine.Ike.Sa;

/// <summary>
/// The engine's lock, and the one way out of it: <see cref="OutsideLock"/> runs a Diffie-Hellman
/// computation of one ISAKMP SA with the lock released, so that other SAs' datagrams (and timers)
/// go on meanwhile and several key exchanges run in parallel on the host's receive workers.
/// </summary>
/// <remarks>
/// Only a datagram's processing (<see cref="BeginReceive"/>), holding the lock once (not nested
/// in a callback that re-entered the engine), leaves the lock; timers and API calls compute under
/// it. While an SA computes (<see cref="IkeSa.IsComputing"/>) the engine does not process other
/// datagrams of that SA: they wait in <see cref="IkeSa.Deferred"/> (a copy of the very message in
/// progress is dropped), so its state machine still sees one message at a time. The computation
/// touches only what its task owns; anything may happen to the SA meanwhile (a half-open timeout,
/// INITIAL-CONTACT, the engine stopping), so when the lock is back and the SA or the engine is gone
/// the result is discarded and <see cref="IkeSaGoneException"/> ends the datagram's processing.
/// </remarks>
internal sealed class EngineGate
{
    private readonly Lock gate = new();
    private int depth;
    private bool receiving;

    /// <summary>The engine was disposed: nothing runs any more.</summary>
    public bool IsClosed { get; set; }

    /// <summary>Takes the lock until the returned scope is disposed (<c>using (gate.Hold())</c>).</summary>
    public Scope Hold()
    {
        Enter();
        return new Scope(this);
    }

    public void Enter()
    {
        gate.Enter();
        depth++;
    }

    public void Exit()
    {
        depth--;
        gate.Exit();
    }

    /// <summary>A datagram's processing starts (lock held): it may leave the lock for key exchanges.</summary>
    public void BeginReceive() => receiving = depth == 1;

    public void EndReceive() => receiving = false;

    /// <summary>
    /// Runs <paramref name="work"/> (thread-safe, touching nothing of the engine's shared state)
    /// with the lock released when this thread may, else under it. <paramref name="discard"/> gives
    /// back what <paramref name="work"/> made when the SA is gone by the time the lock is back.
    /// </summary>
    public T OutsideLock<T>(IkeSa sa, Func<T> work, Action<T> discard)
    {
        if (!receiving || depth != 1 || sa.IsComputing)
        {
            return work();
        }

        receiving = false;
        sa.IsComputing = true;
        depth = 0;
        gate.Exit();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        try
        {
            result = work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            gate.Enter();
            depth = 1;
            receiving = true;
            sa.IsComputing = false;
        }

        if (IsClosed || sa.State == IkeSaState.Destroyed)
        {
            if (failure is null)
            {
                discard(result);
            }

            throw new IkeSaGoneException();
        }

        failure?.Throw();
        return result;
    }

    /// <summary>The lock held by <see cref="Hold"/>, released on Dispose.</summary>
    public readonly ref struct Scope
    {
        private readonly EngineGate owner;

        public Scope(EngineGate owner) => this.owner = owner;

        public void Dispose() => owner.Exit();
    }
}
