namespace Engine.Ike.Events;

/// <summary>
/// The Windows Server 2003 security audit numbers for IKE, kept so that existing runbooks still
/// read (DESIGN.md). 541 covers both modes, as on Windows; the event says which.
/// </summary>
public enum AuditEventId
{
    /// <summary>IKE security association established (main mode or quick mode).</summary>
    SaEstablished = 541,

    /// <summary>IKE security association ended, data protection (quick mode).</summary>
    QuickModeSaEnded = 542,

    /// <summary>IKE security association ended, key exchange (main mode).</summary>
    MainModeSaEnded = 543,

    /// <summary>IKE security association negotiation failed.</summary>
    NegotiationFailed = 547,
}
