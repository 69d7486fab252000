namespace Engine.Ike.Events;

/// <summary>Why an SA ended (542/543).</summary>
public enum SaEndReason
{
    Expired,
    DeletedByPeer,
    DeletedLocally,
    Rekeyed,
    PeerDead,
    InitialContact,
    PolicyChanged,
    QuickModeLimit,
    Shutdown,
}
