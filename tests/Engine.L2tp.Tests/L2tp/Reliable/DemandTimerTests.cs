using System;
using Engine.L2tp.L2tp.Reliable;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Engine.L2tp.Tests.L2tp.Reliable;

/// <summary>The tunnel's on-demand one-shot timer: fires once when armed, not after cancel or dispose, re-armable.</summary>
public sealed class DemandTimerTests
{
    [Fact]
    public void Fires_once_after_the_due_time_and_can_be_armed_again()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var timer = new DemandTimer(time, _ => fired++, new object());

        timer.Schedule(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fired);

        timer.Schedule(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, fired);
    }

    [Fact]
    public void A_new_due_time_replaces_the_earlier_one()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var timer = new DemandTimer(time, _ => fired++, new object());

        timer.Schedule(TimeSpan.FromSeconds(1));
        timer.Schedule(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Nothing_fires_after_cancel_or_dispose()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var timer = new DemandTimer(time, _ => fired++, new object());

        timer.Schedule(TimeSpan.FromSeconds(1));
        timer.Cancel();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);

        timer.Dispose();
        timer.Schedule(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);
    }
}
