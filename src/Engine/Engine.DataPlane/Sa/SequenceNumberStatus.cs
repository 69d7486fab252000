namespace Engine.DataPlane.Sa;

/// <summary>The outcome of taking the next outbound sequence number.</summary>
internal enum SequenceNumberStatus
{
    /// <summary>A number was taken.</summary>
    Assigned,

    /// <summary>A number was taken, and it is the one at which the SA should be rekeyed.</summary>
    AssignedAtRekeyMargin,

    /// <summary>None left: the SA must not send again (RFC 4303 section 3.3.3).</summary>
    Exhausted,
}
