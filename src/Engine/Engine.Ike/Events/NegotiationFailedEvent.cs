using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Events;

/// <summary>
/// 547: a main mode or quick mode negotiation failed. <see cref="Refusals"/> lists what of the
/// peer's proposal we refused and why, when that is the reason.
/// </summary>
public sealed record NegotiationFailedEvent : IkeEvent
{
    public override AuditEventId? AuditId => AuditEventId.NegotiationFailed;

    public required NegotiationMode Mode { get; init; }

    public required NegotiationFailureReason Reason { get; init; }

    public required FailurePoint FailurePoint { get; init; }

    /// <summary>The notification sent to or received from the peer, if any.</summary>
    public IsakmpNotifyType? Notification { get; init; }

    public required string Detail { get; init; }

    public IReadOnlyList<string> Refusals { get; init; } = [];

    /// <summary>The child policy (rule) of a quick mode, when known.</summary>
    public string? Policy { get; init; }
}
