using Engine.DataPlane.Spd;
using Microsoft.Extensions.Time.Testing;

namespace Engine.DataPlane.Tests.Spd;

public sealed class AcquireThrottleTests
{
    [Fact]
    public void Reports_once_per_selector_per_interval_and_again_after_forget()
    {
        var clock = new FakeTimeProvider();
        var throttle = new AcquireThrottle(clock, TimeSpan.FromSeconds(5));
        Assert.True(throttle.ShouldReport(1, 10, 20, clock.GetTimestamp()));
        Assert.False(throttle.ShouldReport(1, 10, 20, clock.GetTimestamp()));
        Assert.True(throttle.ShouldReport(1, 10, 21, clock.GetTimestamp()));
        Assert.True(throttle.ShouldReport(2, 10, 20, clock.GetTimestamp()));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(throttle.ShouldReport(1, 10, 20, clock.GetTimestamp()));

        throttle.Forget(1);
        Assert.True(throttle.ShouldReport(1, 10, 20, clock.GetTimestamp()));
    }

    [Fact]
    public void Many_selectors_never_suppress_a_new_one()
    {
        var clock = new FakeTimeProvider();
        var throttle = new AcquireThrottle(clock, TimeSpan.FromMinutes(1));
        for (var destination = 0; destination < 10_000; destination++)
        {
            Assert.True(throttle.ShouldReport(1, 1, (UInt128)destination, clock.GetTimestamp()));
        }
    }
}
