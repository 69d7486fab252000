using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Engine.Host.Logging;
using Engine.Host.Options;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Audit;

/// <summary>
/// The engine's audit trail: the newest events in a ring in memory (what GetEvents answers from)
/// and every event appended to <c>audit.jsonl</c> in the state directory, which also refills the
/// ring when the engine starts again. Each event goes to the log as well (event id 1300).
/// </summary>
public sealed class AuditTrail : IAuditSink, IDisposable
{
    public const int RingCapacity = 4096;

    private readonly object gate = new();
    private readonly AuditRing ring = new(RingCapacity);
    private readonly AuditFile file;
    private readonly TimeProvider time;
    private readonly ILogger<AuditTrail> logger;
    private bool fileOpen;
    private bool fileFailed;
    private long lastRecordId;

    public AuditTrail(EngineOptions options, TimeProvider time, ILogger<AuditTrail> logger)
    {
        file = new AuditFile(options.StateDirectory);
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The file the trail appends to.</summary>
    public string FilePath => file.Path;

    /// <summary>Creates the state directory, loads the earlier events and opens the file.</summary>
    /// <exception cref="EngineStartException">StateDirectoryUnavailable.</exception>
    public void Open()
    {
        lock (gate)
        {
            try
            {
                file.Open();
                var (events, skipped) = file.ReadTail(RingCapacity);
                foreach (var line in skipped)
                {
                    logger.LineSkipped(file.Path, line);
                }

                foreach (var item in events)
                {
                    ring.Add(item);
                }

                lastRecordId = events.Count == 0 ? 0 : events.Max(e => e.RecordId);
                fileOpen = true;
                logger.Loaded(file.Path, events.Count);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EngineStartException(EngineExitCode.StateDirectoryUnavailable,
                    $"The state directory '{file.Directory}' cannot be used: {e.Message}", e);
            }
        }
    }

    public void Write(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            var item = new AuditEvent
            {
                RecordId = ++lastRecordId,
                Id = record.Id,
                TimeCreated = time.GetUtcNow(),
                Outcome = record.Outcome,
                Message = record.Message,
                Data = record.Data is null ? new Dictionary<string, string>() : new Dictionary<string, string>(record.Data),
            };
            ring.Add(item);
            logger.Event(item.Id, item.Outcome.ToString(), item.Message);
            if (fileOpen && !fileFailed)
            {
                try
                {
                    file.Append(item);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Said once: a full disk must not turn every event into an error line too.
                    fileFailed = true;
                    logger.WriteFailed(file.Path, e.Message);
                }
            }
        }
    }

    /// <summary>The events that pass every filter of <paramref name="query"/>, newest first.</summary>
    public IReadOnlyList<AuditEvent> Query(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = query.Id is { Count: > 0 } ? new HashSet<int>(query.Id) : null;
        lock (gate)
        {
            var matching = ring.NewestFirst()
                .Where(e => ids is null || ids.Contains(e.Id))
                .Where(e => query.After is null || e.TimeCreated > query.After)
                .Where(e => query.Before is null || e.TimeCreated < query.Before);
            return (query.Newest is { } newest ? matching.Take(newest) : matching).ToList();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            fileOpen = false;
            file.Dispose();
        }
    }
}
