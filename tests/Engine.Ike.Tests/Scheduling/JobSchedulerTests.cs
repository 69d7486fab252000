using Engine.Ike.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Ike.Tests.Scheduling;

/// <summary>The engine's one-timer job queue on the fake clock: due times, order, cancelling.</summary>
public sealed class JobSchedulerTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<string> ran = [];
    private int dispatched;

    [Fact]
    public void A_job_runs_at_its_due_time_and_not_before()
    {
        var scheduler = Create();
        var job = scheduler.Schedule(TimeSpan.FromSeconds(4), "a", () => ran.Add("a"));

        clock.Advance(TimeSpan.FromMilliseconds(3999));
        Assert.Empty(ran);
        Assert.True(job.IsPending);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a"], ran);
        Assert.True(job.HasRun);
        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public void Jobs_run_earliest_first_and_in_the_order_scheduled_when_due_together()
    {
        var scheduler = Create();
        scheduler.Schedule(TimeSpan.FromSeconds(3), "late", () => ran.Add("late"));
        scheduler.Schedule(TimeSpan.FromSeconds(1), "first", () => ran.Add("first"));
        scheduler.Schedule(TimeSpan.FromSeconds(2), "tie 1", () => ran.Add("tie 1"));
        scheduler.Schedule(TimeSpan.FromSeconds(2), "tie 2", () => ran.Add("tie 2"));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["first", "tie 1", "tie 2", "late"], ran);
        Assert.Equal(4, dispatched);
    }

    [Fact]
    public void A_cancelled_job_never_runs_and_leaves_the_queue_at_once()
    {
        var scheduler = Create();
        var cancelled = scheduler.Schedule(TimeSpan.FromHours(8), "expiry", () => ran.Add("expiry"));
        scheduler.Schedule(TimeSpan.FromSeconds(1), "kept", () => ran.Add("kept"));

        cancelled.Cancel();
        cancelled.Cancel();

        Assert.Equal(1, scheduler.Pending);
        clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(["kept"], ran);
        Assert.False(cancelled.HasRun);
    }

    [Fact]
    public void A_job_may_schedule_and_cancel_others_while_it_runs()
    {
        var scheduler = Create();
        ScheduledJob? victim = null;
        scheduler.Schedule(TimeSpan.FromSeconds(1), "retransmit", () =>
        {
            ran.Add("retransmit");
            victim!.Cancel();
            scheduler.Schedule(TimeSpan.FromSeconds(1.8), "again", () => ran.Add("again"));
        });
        victim = scheduler.Schedule(TimeSpan.FromSeconds(2), "victim", () => ran.Add("victim"));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["retransmit"], ran);

        clock.Advance(TimeSpan.FromMilliseconds(1799));
        Assert.Equal(["retransmit"], ran);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["retransmit", "again"], ran);
    }

    [Fact]
    public void An_earlier_job_scheduled_later_rearms_the_timer()
    {
        var scheduler = Create();
        scheduler.Schedule(TimeSpan.FromMinutes(60), "expiry", () => ran.Add("expiry"));
        scheduler.Schedule(TimeSpan.FromSeconds(15), "keepalive", () => ran.Add("keepalive"));

        clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(["keepalive"], ran);
        Assert.Equal(1, scheduler.Pending);
    }

    [Fact]
    public void A_zero_delay_runs_a_millisecond_later_never_inside_the_schedule_call()
    {
        var scheduler = Create();
        scheduler.Schedule(TimeSpan.Zero, "now", () => ran.Add("now"));

        Assert.Empty(ran);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["now"], ran);
    }

    [Fact]
    public void Thousands_of_jobs_come_out_in_due_order_after_random_cancels()
    {
        var scheduler = Create();
        var random = new Random(6);
        var jobs = new List<(ScheduledJob Job, int Due)>();
        var order = new List<int>();
        for (var i = 0; i < 3000; i++)
        {
            var due = random.Next(1, 100_000);
            jobs.Add((scheduler.Schedule(TimeSpan.FromMilliseconds(due), "job", () => order.Add(due)), due));
        }

        var kept = new List<int>();
        foreach (var (job, due) in jobs)
        {
            if (random.Next(3) == 0)
            {
                job.Cancel();
            }
            else
            {
                kept.Add(due);
            }
        }

        Assert.Equal(kept.Count, scheduler.Pending);
        clock.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(kept.Order(), order);
        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public void Nothing_runs_after_dispose()
    {
        var scheduler = Create();
        scheduler.Schedule(TimeSpan.FromSeconds(1), "a", () => ran.Add("a"));

        scheduler.Dispose();
        scheduler.Schedule(TimeSpan.FromSeconds(1), "b", () => ran.Add("b"));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(ran);
    }

    private JobScheduler Create() => new(clock, job =>
    {
        dispatched++;
        job();
    });
}
