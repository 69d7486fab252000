using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>General error codes of the Result Code AVP (RFC 2661 section 4.4.2).</summary>
public enum L2tpErrorCode : ushort
{
    /// <summary>No general error.</summary>
    None = 0,

    /// <summary>No control connection exists yet for this LAC-LNS pair.</summary>
    NoControlConnection = 1,

    /// <summary>Length is wrong.</summary>
    LengthWrong = 2,

    /// <summary>One of the field values was out of range or a reserved field was non-zero.</summary>
    FieldOutOfRange = 3,

    /// <summary>Insufficient resources to handle this operation now.</summary>
    InsufficientResources = 4,

    /// <summary>The Session ID is invalid in this context.</summary>
    InvalidSessionId = 5,

    /// <summary>A generic vendor-specific error occurred (xl2tpd's VENDOR_ERROR; it also reports missing AVPs this way).</summary>
    VendorSpecific = 6,

    /// <summary>Try another LNS.</summary>
    TryAnother = 7,

    /// <summary>Shut down because an unknown AVP with the M bit set was received; the message names the attribute.</summary>
    UnknownMandatoryAvp = 8,
}
