using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;

namespace Engine.L2tp.Ppp.Core;

/// <summary>
/// What every layer of one PPP session shares: the clock, one lock that serializes received
/// frames, timer expiries and host calls, the randomness source, and the way out for control
/// packets. Work runs through <see cref="Run"/>; layers react to each other through
/// <see cref="Post"/> (run after the current step, still under the lock, so no automaton is ever
/// re-entered in the middle of a transition). Everything that leaves the session, outgoing
/// control frames and host events alike, goes through <see cref="Defer"/>: one ordered queue run
/// after the lock is released. So the host's send callback and event handlers never run under the
/// session lock: a handler may call back into the session, and an L2TP layer that holds its own
/// lock while calling Receive cannot deadlock against a send.
/// </summary>
internal sealed class PppContext
{
    private readonly object gate = new();
    // Lists rather than queues (a ConcurrentQueue's first segment is 32 slots, 768 bytes; a Queue's
    // array stays once used): both hold a few items at a time and give their array back when they
    // are empty, so an idle session, which is most of them on a gateway, keeps two empty lists.
    private readonly List<Action> posted = new();
    private readonly List<Action> outbox = new();
    private readonly Action<Span<byte>> fillRandom;
    private bool running;
    private int draining;

    public PppContext(TimeProvider time, Action<Span<byte>>? fillRandom = null)
    {
        Time = time;
        this.fillRandom = fillRandom ?? RandomNumberGenerator.Fill;
        SendControl = static (_, _) => { };
    }

    public TimeProvider Time { get; }

    /// <summary>Where control packets go; the session sets it to its framer.</summary>
    public ControlPacketSender SendControl { get; set; }

    /// <summary>The largest packet the peer accepts (its acknowledged MRU); rejects echoing data are cut to fit.</summary>
    public int PeerMru { get; set; } = 1500;

    /// <summary>
    /// Runs <paramref name="action"/> under the session lock, then everything it posted, then (outside
    /// the lock) what was deferred. A call made while the lock is already held by this step is
    /// queued instead of interrupting the step.
    /// </summary>
    public void Run(Action action)
    {
        lock (gate)
        {
            if (running)
            {
                posted.Add(action);
                return;
            }

            running = true;
            var taken = 0;
            try
            {
                action();
                while (taken < posted.Count)
                {
                    // Posted work may post more: it is appended and runs in this loop too.
                    posted[taken++]();
                }
            }
            finally
            {
                running = false;
                if (taken == posted.Count)
                {
                    posted.Clear();
                    posted.Capacity = 0;
                }
                else
                {
                    // A step threw: what it had not reached yet runs with the next step, as before.
                    posted.RemoveRange(0, taken);
                }
            }
        }

        Flush();
    }

    /// <summary>Queues work to run after the current step, under the same lock.</summary>
    public void Post(Action action) => posted.Add(action);

    /// <summary>
    /// Queues a frame send or an event for after the lock is released. Called under the lock, so
    /// the queue holds them in the order the session produced them.
    /// </summary>
    public void Defer(Action action)
    {
        lock (outbox)
        {
            outbox.Add(action);
        }
    }

    public void FillRandom(Span<byte> destination) => fillRandom(destination);

    public uint NextRandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        fillRandom(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>
    /// A timer that calls <paramref name="onExpired"/> with <paramref name="owner"/>. Owners pass a
    /// static lambda, which the compiler caches once for the process, so a timer costs no delegate
    /// per session (a PPP link has five timers).
    /// </summary>
    public PppTimer CreateTimer(Action<object> onExpired, object owner) => new(this, onExpired, owner);

    /// <summary>
    /// Runs deferred work in order. One thread drains at a time; a thread that finds another
    /// draining leaves its items to it (the drainer loops until the queue is empty), and an event
    /// handler that calls back into the session only adds to the queue being drained.
    /// </summary>
    private void Flush()
    {
        while (HasDeferred())
        {
            if (Interlocked.CompareExchange(ref draining, 1, 0) != 0)
            {
                return;
            }

            try
            {
                while (TryTakeDeferred(out var next))
                {
                    next();
                }
            }
            finally
            {
                Volatile.Write(ref draining, 0);
            }
        }
    }

    private bool HasDeferred()
    {
        lock (outbox)
        {
            return outbox.Count > 0;
        }
    }

    private bool TryTakeDeferred(out Action next)
    {
        lock (outbox)
        {
            if (outbox.Count == 0)
            {
                next = null!;
                return false;
            }

            next = outbox[0];
            outbox.RemoveAt(0);
            if (outbox.Count == 0)
            {
                outbox.Capacity = 0;
            }

            return true;
        }
    }
}
