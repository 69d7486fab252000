using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>Result codes of a Call-Disconnect-Notify (RFC 2661 section 4.4.2).</summary>
public enum CdnResultCode : ushort
{
    /// <summary>Call disconnected due to loss of carrier.</summary>
    LostCarrier = 1,

    /// <summary>Call disconnected for the reason indicated in the error code.</summary>
    GeneralError = 2,

    /// <summary>Call disconnected for administrative reasons.</summary>
    Administrative = 3,

    /// <summary>Call failed due to lack of appropriate facilities being available (temporary condition).</summary>
    TemporaryLackOfFacilities = 4,

    /// <summary>Call failed due to lack of appropriate facilities being available (permanent condition).</summary>
    PermanentLackOfFacilities = 5,

    /// <summary>Invalid destination.</summary>
    InvalidDestination = 6,

    /// <summary>Call failed due to no carrier detected.</summary>
    NoCarrier = 7,

    /// <summary>Call failed due to detection of a busy signal.</summary>
    Busy = 8,

    /// <summary>Call failed due to lack of a dial tone.</summary>
    NoDialTone = 9,

    /// <summary>Call was not established within time allotted by LAC.</summary>
    Timeout = 10,

    /// <summary>Call was connected but no appropriate framing was detected.</summary>
    NoFraming = 11,
}
