using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Buffers.Binary;

namespace Engine.L2tp.Ppp.Core;

/// <summary>
/// What every layer of one PPP session shares: the clock, one lock that serializes received
/// frames, timer expiries and host calls, the randomness source, and the way out for control
/// packets. Work runs through <see cref="Run"/>; layers react to each other through
/// <see cref="Post"/> (run after the current step, still under the lock, so no automaton is ever
/// re-entered in the middle of a transition) and tell the host through <see cref="Notify"/>
/// (run after the lock is released, so an event handler may call back into the session).
/// </summary>
internal sealed class PppContext
{
    private readonly object gate = new();
    private readonly Queue<Action> posted = new();
    private readonly List<Action> notifications = [];
    private readonly Action<Span<byte>> fillRandom;
    private bool running;

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
    /// the lock) the notifications it queued. A call made while the lock is already held by this
    /// step (a send callback that loops straight back into the session) is queued instead of
    /// interrupting the step.
    /// </summary>
    public void Run(Action action)
    {
        List<Action>? toNotify = null;
        lock (gate)
        {
            if (running)
            {
                posted.Enqueue(action);
                return;
            }

            running = true;
            try
            {
                action();
                while (posted.TryDequeue(out var next))
                {
                    next();
                }
            }
            finally
            {
                running = false;
                if (notifications.Count > 0)
                {
                    toNotify = [.. notifications];
                    notifications.Clear();
                }
            }
        }

        if (toNotify is not null)
        {
            foreach (var notification in toNotify)
            {
                notification();
            }
        }
    }

    /// <summary>Queues work to run after the current step, under the same lock.</summary>
    public void Post(Action action) => posted.Enqueue(action);

    /// <summary>Queues a host notification (an event) to run once the lock is released.</summary>
    public void Notify(Action action) => notifications.Add(action);

    public void FillRandom(Span<byte> destination) => fillRandom(destination);

    public uint NextRandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        fillRandom(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public PppTimer CreateTimer(Action onExpired) => new(this, onExpired);
}
