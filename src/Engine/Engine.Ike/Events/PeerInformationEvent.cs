namespace Engine.Ike.Events;

/// <summary>
/// Something worth a log line that is not an audit event: a NAT detected, a peer declared dead,
/// INITIAL-CONTACT honoured, a notification received.
/// </summary>
public sealed record PeerInformationEvent : IkeEvent
{
    public required string Message { get; init; }
}
