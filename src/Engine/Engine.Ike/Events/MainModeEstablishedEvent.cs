namespace Engine.Ike.Events;

/// <summary>541, key exchange mode: the ISAKMP SA is authenticated.</summary>
public sealed record MainModeEstablishedEvent : IkeEvent
{
    public override AuditEventId? AuditId => AuditEventId.SaEstablished;

    public required bool IsInitiator { get; init; }

    /// <summary>The chosen transform, e.g. "AesCbc-256/Sha2_256/DH14".</summary>
    public required string Proposal { get; init; }

    public string AuthenticationMethod => "Preshared key";

    public required TimeSpan Lifetime { get; init; }

    /// <summary>What the peer's vendor IDs say it is, e.g. "Windows 8 or later"; empty when nothing known.</summary>
    public required IReadOnlyList<string> PeerVendorIds { get; init; }
}
