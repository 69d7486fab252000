using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>The Protocol Version AVP (RFC 2661 section 4.4.3): version 1, revision 0 for L2TPv2.</summary>
public readonly record struct ProtocolVersion(byte Version, byte Revision)
{
    /// <summary>The only version RFC 2661 defines.</summary>
    public static ProtocolVersion L2tpV2 { get; } = new(1, 0);

    /// <summary>The two octets as one number, as a StopCCN's error code reports the highest version supported.</summary>
    public ushort ToUInt16() => (ushort)((Version << 8) | Revision);

    public override string ToString() => $"{Version}.{Revision}";
}
