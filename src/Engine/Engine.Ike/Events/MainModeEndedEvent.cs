namespace Engine.Ike.Events;

/// <summary>543: an established ISAKMP SA was removed.</summary>
public sealed record MainModeEndedEvent : IkeEvent
{
    public override AuditEventId? AuditId => AuditEventId.MainModeSaEnded;

    public required SaEndReason Reason { get; init; }
}
