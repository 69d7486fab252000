using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Attributes;

/// <summary>
/// IPsec DOI SA attributes (RFC 2407 section 4.5) for Quick Mode transforms and
/// RESPONDER-LIFETIME: TV for the "B" ones, a 4-byte TLV for life durations.
/// </summary>
public static class IpsecAttributes
{
    /// <summary>SA Life Type followed by SA Life Duration (RFC 2407 section 4.5 pairs them in that order).</summary>
    public static DataAttribute[] Lifetime(SaLifeType type, uint duration) =>
    [
        DataAttribute.Basic((ushort)IpsecAttributeType.SaLifeType, (ushort)type),
        DataAttribute.VariableUInt32((ushort)IpsecAttributeType.SaLifeDuration, duration),
    ];

    public static DataAttribute[] LifetimeSeconds(uint seconds) => Lifetime(SaLifeType.Seconds, seconds);

    public static DataAttribute[] LifetimeKilobytes(uint kilobytes) => Lifetime(SaLifeType.Kilobytes, kilobytes);

    /// <summary>The PFS group of a Quick Mode transform.</summary>
    public static DataAttribute Group(DiffieHellmanGroup group) =>
        DataAttribute.Basic((ushort)IpsecAttributeType.GroupDescription, (ushort)group);

    public static DataAttribute Encapsulation(EncapsulationMode mode) =>
        DataAttribute.Basic((ushort)IpsecAttributeType.EncapsulationMode, (ushort)mode);

    public static DataAttribute Authentication(IpsecAuthenticationAlgorithm algorithm) =>
        DataAttribute.Basic((ushort)IpsecAttributeType.AuthenticationAlgorithm, (ushort)algorithm);

    public static DataAttribute KeyLength(ushort bits) =>
        DataAttribute.Basic((ushort)IpsecAttributeType.KeyLength, bits);

    /// <summary>RFC 4304: value 1 asks for 64-bit sequence numbers.</summary>
    public static DataAttribute ExtendedSequenceNumbers() =>
        DataAttribute.Basic((ushort)IpsecAttributeType.ExtendedSequenceNumber, 1);
}
