using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Engine.Host.Audit;
using Engine.Host.Options;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests;

public sealed class AuditTrailTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-audit-test-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Events_survive_a_restart_and_record_ids_go_on()
    {
        using (var trail = Open())
        {
            trail.Write(new AuditRecord(AuditEventIds.EngineStarted, AuditOutcome.Success, "started"));
            trail.Write(new AuditRecord(AuditEventIds.EngineStopped, AuditOutcome.Success, "stopped"));
        }

        using var again = Open();
        again.Write(new AuditRecord(AuditEventIds.EngineStarted, AuditOutcome.Success, "started again",
            new Dictionary<string, string> { ["Policy"] = "Partner" }));

        var events = again.Query(new EventQuery());
        Assert.Equal(new long[] { 3, 2, 1 }, events.Select(e => e.RecordId));
        Assert.Equal(new[] { "started again", "stopped", "started" }, events.Select(e => e.Message));
        Assert.Equal("Partner", events[0].Data["Policy"]);
    }

    [Fact]
    public void A_line_torn_by_a_crash_is_skipped()
    {
        using (var trail = Open())
        {
            trail.Write(new AuditRecord(AuditEventIds.EngineStarted, AuditOutcome.Success, "started"));
        }

        File.AppendAllText(Path.Combine(directory, AuditFile.FileName), "{\"recordId\":2,\"id\":54");

        using var again = Open();
        Assert.Equal("started", Assert.Single(again.Query(new EventQuery())).Message);
    }

    [Fact]
    public void Queries_filter_by_id_and_time_and_take_the_newest()
    {
        using var trail = Open();
        foreach (var id in new[] { 5478, 5460, 541, 547, 541 })
        {
            trail.Write(new AuditRecord(id, id == 547 ? AuditOutcome.Failure : AuditOutcome.Success, $"event {id}"));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var start = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(new[] { 541, 541 }, trail.Query(new EventQuery { Id = new List<int> { 541 } }).Select(e => e.Id));
        Assert.Equal(new[] { 547, 541 }, trail.Query(new EventQuery { After = start.AddMinutes(1), Before = start.AddMinutes(4) }).Select(e => e.Id));
        Assert.Equal(new long[] { 5, 4 }, trail.Query(new EventQuery { Newest = 2 }).Select(e => e.RecordId));
        Assert.Equal(AuditOutcome.Failure, trail.Query(new EventQuery { Id = new List<int> { 547 } }).Single().Outcome);
    }

    [Fact]
    public void The_ring_keeps_the_newest_4096_while_the_file_keeps_all()
    {
        using var trail = Open();
        for (var i = 0; i < AuditTrail.RingCapacity + 10; i++)
        {
            trail.Write(new AuditRecord(AuditEventIds.PolicyPollUnchanged, AuditOutcome.Success, $"poll {i}"));
        }

        var events = trail.Query(new EventQuery());
        Assert.Equal(AuditTrail.RingCapacity, events.Count);
        Assert.Equal(AuditTrail.RingCapacity + 10, events[0].RecordId);
        Assert.Equal(11, events[^1].RecordId);
        Assert.Equal(AuditTrail.RingCapacity + 10, File.ReadAllLines(Path.Combine(directory, AuditFile.FileName)).Length);
    }

    [Fact]
    public void A_full_file_is_rotated_and_both_files_refill_the_ring()
    {
        using (var file = new AuditFile(directory, rotateAtBytes: 1000))
        {
            file.Open();
            for (var i = 1; i <= 20; i++)
            {
                file.Append(new AuditEvent { RecordId = i, Id = AuditEventIds.PolicyPollUnchanged, TimeCreated = clock.GetUtcNow(), Message = $"poll {i}" });
            }
        }

        Assert.True(File.Exists(Path.Combine(directory, AuditFile.PreviousFileName)));
        using var reader = new AuditFile(directory);
        var (events, skipped) = reader.ReadTail(100);
        Assert.Empty(skipped);
        Assert.Equal(20, events[^1].RecordId);
        Assert.True(events.Count < 20, "the file before the previous one is gone");
        Assert.Equal(Enumerable.Range(21 - events.Count, events.Count).Select(i => (long)i), events.Select(e => e.RecordId));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private AuditTrail Open()
    {
        var trail = new AuditTrail(new EngineOptions
        {
            InterfaceAlias = FakeHostContextSource.Interface,
            StorePath = directory,
            ControlSocket = Path.Combine(directory, "engine.sock"),
            StateDirectory = directory,
        }, clock, NullLogger<AuditTrail>.Instance);
        trail.Open();
        return trail;
    }
}
