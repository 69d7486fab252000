using System.Net;

namespace Engine.Ike.Events;

/// <summary>
/// A structured event for the host to log and audit. Events carry names of algorithms, SPIs and
/// cookies, never key material.
/// </summary>
public abstract record IkeEvent
{
    public required DateTimeOffset Time { get; init; }

    public required IPEndPoint Local { get; init; }

    public required IPEndPoint Remote { get; init; }

    /// <summary>The ISAKMP SA's cookies as "CKY-I/CKY-R" in hex.</summary>
    public required string IkeSaId { get; init; }

    /// <summary>The Windows audit number, for events that have one.</summary>
    public virtual AuditEventId? AuditId => null;
}
