using System;
using System.Collections.Generic;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// One audit event as GetEvents returns it (Get-IpSecEvent): the id keeps Windows' number (541
/// main mode established, 5460 policy applied, ...; docs/engine.md lists them).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>The engine's sequence number for the event; grows across restarts of one state directory.</summary>
    public long RecordId { get; set; }

    /// <summary>The event id, as Windows numbers it.</summary>
    public int Id { get; set; }

    public DateTimeOffset TimeCreated { get; set; }

    public AuditOutcome Outcome { get; set; }

    public string Message { get; set; } = string.Empty;

    /// <summary>The event's fields by name (Policy, Peer, Reason, ...); never a key.</summary>
    public Dictionary<string, string> Data { get; set; } = new();
}
