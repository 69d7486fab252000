namespace Engine.DataPlane.Sa;

/// <summary>Which limit made an SA expire.</summary>
public enum ExpiryReason
{
    /// <summary>Its time lifetime ran out.</summary>
    Time,

    /// <summary>Its byte lifetime was reached.</summary>
    Bytes,

    /// <summary>Its packet lifetime was reached.</summary>
    Packets,

    /// <summary>
    /// The outbound sequence number is near (soft) or at (hard) its end: 2^32 - 1 without
    /// extended sequence numbers (RFC 4303 section 3.3.3: never cycle; rekey instead).
    /// </summary>
    SequenceNumber,
}
