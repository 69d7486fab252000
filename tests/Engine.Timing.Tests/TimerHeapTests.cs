using System;
using System.Collections.Generic;
using Engine.Timing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Engine.Timing.Tests;

/// <summary>
/// The heap of timers behind one clock timer, on a fake clock: due order (scheduling order among
/// equal due times), rescheduling, cancellation that leaves the heap at once, tokens, and disposal.
/// </summary>
public sealed class TimerHeapTests
{
    private readonly FakeTimeProvider time = new();
    private readonly List<(int Id, long Token)> fired = [];

    [Fact]
    public void Entries_run_in_due_order_and_equal_due_times_in_scheduling_order()
    {
        var heap = NewHeap();
        int[] dueSeconds = [5, 1, 3, 3, 2, 1];
        for (var i = 0; i < dueSeconds.Length; i++)
        {
            heap.Schedule(new Entry(i), TimeSpan.FromSeconds(dueSeconds[i]));
        }

        for (var second = 0; second < 5; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([1, 5, 4, 2, 3, 0], fired.ConvertAll(f => f.Id));
        Assert.Equal(0, heap.Count);
    }

    [Fact]
    public void An_entry_runs_exactly_when_due_and_not_a_tick_before()
    {
        var heap = NewHeap();
        heap.Schedule(new Entry(7), TimeSpan.FromMilliseconds(1500));

        time.Advance(TimeSpan.FromMilliseconds(1500) - TimeSpan.FromTicks(1));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([7], fired.ConvertAll(f => f.Id));
    }

    [Fact]
    public void Scheduling_again_replaces_the_due_time_and_hands_back_the_new_token()
    {
        var heap = NewHeap();
        var entry = new Entry(1);
        heap.Schedule(entry, TimeSpan.FromSeconds(1), token: 10);
        heap.Schedule(entry, TimeSpan.FromSeconds(3), token: 11);
        Assert.Equal(1, heap.Count);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([(1, 11L)], fired);
        Assert.False(entry.IsQueued);
    }

    [Fact]
    public void A_cancelled_entry_leaves_at_once_and_never_runs()
    {
        var heap = NewHeap();
        var entries = new List<Entry>();
        for (var i = 0; i < 100; i++)
        {
            var entry = new Entry(i);
            entries.Add(entry);
            heap.Schedule(entry, TimeSpan.FromSeconds(1 + (i % 7)));
        }

        foreach (var entry in entries.FindAll(e => e.Id % 3 == 0))
        {
            heap.Cancel(entry);
            Assert.False(entry.IsQueued);
        }

        Assert.Equal(100 - 34, heap.Count);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(100 - 34, fired.Count);
        Assert.DoesNotContain(fired, f => f.Id % 3 == 0);
        heap.Cancel(entries[1]); // no longer queued: nothing happens
    }

    [Fact]
    public void An_entry_cancelled_by_an_earlier_one_due_at_the_same_time_does_not_run()
    {
        Entry? second = null;
        TimerHeap<Entry>? heap = null;
        heap = new TimerHeap<Entry>(time, (entry, token) =>
        {
            fired.Add((entry.Id, token));
            heap!.Cancel(second!);
        });
        heap.Schedule(new Entry(1), TimeSpan.FromSeconds(1));
        second = new Entry(2);
        heap.Schedule(second, TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([1], fired.ConvertAll(f => f.Id));
    }

    [Fact]
    public void A_zero_delay_runs_after_the_minimum_not_inside_schedule()
    {
        var heap = NewHeap(minimumDelay: TimeSpan.FromMilliseconds(1));
        heap.Schedule(new Entry(3), TimeSpan.Zero);
        Assert.Empty(fired);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([3], fired.ConvertAll(f => f.Id));
    }

    [Fact]
    public void After_dispose_nothing_runs_and_schedules_are_ignored()
    {
        var heap = NewHeap();
        var entry = new Entry(1);
        heap.Schedule(entry, TimeSpan.FromSeconds(1));
        heap.Dispose();
        Assert.False(entry.IsQueued);

        heap.Schedule(new Entry(2), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(fired);
        Assert.Equal(0, heap.Count);
    }

    [Fact]
    public void A_burst_of_entries_grows_the_heap_and_drains_in_order()
    {
        var heap = NewHeap();
        var random = new Random(6);
        var due = new List<(int Id, int Millis)>();
        for (var i = 0; i < 5000; i++)
        {
            var millis = random.Next(1, 10_000);
            due.Add((i, millis));
            heap.Schedule(new Entry(i), TimeSpan.FromMilliseconds(millis));
        }

        time.Advance(TimeSpan.FromSeconds(10));
        due.Sort((a, b) => a.Millis != b.Millis ? a.Millis.CompareTo(b.Millis) : a.Id.CompareTo(b.Id));
        Assert.Equal(due.ConvertAll(d => d.Id), fired.ConvertAll(f => f.Id));
        Assert.Equal(0, heap.Count);
    }

    private TimerHeap<Entry> NewHeap(TimeSpan minimumDelay = default) =>
        new(time, (entry, token) => fired.Add((entry.Id, token)), minimumDelay);

    private sealed class Entry(int id) : TimerEntry
    {
        public int Id { get; } = id;
    }
}
