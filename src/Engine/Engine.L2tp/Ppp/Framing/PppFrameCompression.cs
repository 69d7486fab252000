using System;

namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// The header compressions LCP negotiated for frames we send (RFC 1661 sections 6.5 and 6.6).
/// LCP packets themselves are always sent uncompressed.
/// </summary>
[Flags]
public enum PppFrameCompression
{
    None = 0,

    /// <summary>Omit the FF 03 address and control bytes (ACFC).</summary>
    AddressControl = 1,

    /// <summary>Send protocol numbers below 0x100 as one byte (PFC).</summary>
    ProtocolField = 2,
}
