using System;
using System.Collections.Generic;
using System.Threading;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Sad;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// What the data plane does on a timer rather than per packet: time lifetimes, idle SAs, NAT
/// keepalives and held packets whose SA did not come in time. Runs on the time provider's timer
/// (a fake clock in tests fires it synchronously); one run at a time.
/// </summary>
internal sealed class Housekeeping : IDisposable
{
    private readonly SecurityAssociationDatabase database;
    private readonly SaLifecycle lifecycle;
    private readonly IDataPlaneEvents events;
    private readonly OutboundProcessor outbound;
    private readonly ControlWorker control;
    private readonly DataPlaneOptions options;
    private readonly TimeProvider time;
    private readonly Action<Exception> fault;
    private readonly Lock running = new();
    private readonly List<HeldPacket> expired = [];
    private readonly ITimer timer;

    public Housekeeping(SecurityAssociationDatabase database, SaLifecycle lifecycle, IDataPlaneEvents events, OutboundProcessor outbound,
        ControlWorker control, DataPlaneOptions options, TimeProvider time, Action<Exception> fault)
    {
        this.database = database;
        this.lifecycle = lifecycle;
        this.events = events;
        this.outbound = outbound;
        this.control = control;
        this.options = options;
        this.time = time;
        this.fault = fault;
        timer = time.CreateTimer(_ => Run(), null, options.HousekeepingInterval, options.HousekeepingInterval);
    }

    public void Run()
    {
        if (!running.TryEnter())
        {
            return;
        }

        try
        {
            var now = time.GetTimestamp();
            foreach (var sa in database.All)
            {
                CheckSa(sa, now);
            }

            DropExpiredHeldPackets(now);
        }
        catch (Exception exception)
        {
            // An event handler of the host threw; the timer must keep running regardless.
            fault(exception);
        }
        finally
        {
            running.Exit();
        }
    }

    public void Dispose() => timer.Dispose();

    private void CheckSa(SecurityAssociation sa, long now)
    {
        if (!sa.IsUsable)
        {
            return;
        }

        if (sa.TimeLimitReached(now, out var hard) is { } reason)
        {
            lifecycle.LimitReached(sa, reason, hard);
            if (hard)
            {
                return;
            }
        }

        if (sa.TryReportIdle(now))
        {
            events.SaIdle(sa);
        }

        if (sa.SendNatKeepalives && sa.TryTakeKeepaliveTurn(now, options.NatKeepaliveInterval))
        {
            lock (control.Gate)
            {
                outbound.SendKeepalive(control.Worker, sa);
            }
        }
    }

    private void DropExpiredHeldPackets(long now)
    {
        var heldBefore = now - (long)(options.HoldTime.TotalSeconds * time.TimestampFrequency);
        foreach (var binding in database.Bindings())
        {
            binding.Held.TakeExpired(heldBefore, expired);
        }

        if (expired.Count > 0)
        {
            lock (control.Gate)
            {
                outbound.DropHeld(control.Worker, expired);
            }

            expired.Clear();
        }
    }
}
