namespace Engine.Ike.Encoding.Registry;

/// <summary>The flag bits of the ISAKMP header (RFC 2408 section 3.1).</summary>
[Flags]
public enum IsakmpHeaderFlags : byte
{
    None = 0,
    /// <summary>E: everything after the header is encrypted with the phase-1 keys.</summary>
    Encryption = 0x01,
    /// <summary>C: the sender wants a CONNECTED notification before using the SA.</summary>
    Commit = 0x02,
    /// <summary>A: authenticated but not encrypted (Informational exchanges with a hash only).</summary>
    AuthenticationOnly = 0x04,
}
