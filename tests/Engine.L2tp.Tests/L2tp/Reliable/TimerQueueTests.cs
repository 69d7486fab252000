using System;
using System.Collections.Generic;
using Engine.L2tp.L2tp.Reliable;
using Engine.L2tp.Timing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Reliable;

/// <summary>
/// The shared timer queue behind the L2TP and PPP timers: due order (scheduling order among equal
/// due times), cancellation that leaves the queue at once, and one queue per clock.
/// </summary>
public sealed class TimerQueueTests
{
    [Fact]
    public void Timers_fire_in_due_order_and_equal_due_times_in_scheduling_order()
    {
        var time = new FakeTimeProvider();
        var fired = new List<int>();
        var timers = new List<DemandTimer>();
        int[] dueSeconds = [5, 1, 3, 3, 2, 1];
        for (var i = 0; i < dueSeconds.Length; i++)
        {
            var index = i;
            var timer = new DemandTimer(time, _ => fired.Add(index), new object());
            timers.Add(timer);
            timer.Schedule(TimeSpan.FromSeconds(dueSeconds[i]));
        }

        for (var second = 0; second < 5; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([1, 5, 4, 2, 3, 0], fired);
        Assert.Equal(0, TimerQueue.For(time).Count);
    }

    [Fact]
    public void Many_timers_scheduled_cancelled_and_rescheduled_fire_exactly_as_due()
    {
        var time = new FakeTimeProvider();
        var random = new Random(7);
        var fired = new int[300];
        var timers = new DemandTimer[fired.Length];
        var expected = new int[fired.Length];
        for (var i = 0; i < timers.Length; i++)
        {
            var index = i;
            timers[i] = new DemandTimer(time, _ => fired[index]++, new object());
            timers[i].Schedule(TimeSpan.FromMilliseconds(random.Next(1, 5000)));
            expected[i] = 1;
        }

        for (var i = 0; i < timers.Length; i += 3)
        {
            timers[i].Cancel();
            expected[i] = 0;
        }

        for (var i = 1; i < timers.Length; i += 3)
        {
            timers[i].Schedule(TimeSpan.FromMilliseconds(random.Next(1, 5000)));
        }

        Assert.Equal(timers.Length - ((timers.Length + 2) / 3), TimerQueue.For(time).Count);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(expected, fired);
        Assert.Equal(0, TimerQueue.For(time).Count);
    }

    [Fact]
    public void Each_clock_has_its_own_queue()
    {
        var first = new FakeTimeProvider();
        var second = new FakeTimeProvider();
        var fired = 0;
        using var timer = new DemandTimer(first, _ => fired++, new object());

        timer.Schedule(TimeSpan.FromSeconds(1));
        second.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, fired);
        first.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        Assert.NotSame(TimerQueue.For(first), TimerQueue.For(second));
    }
}
