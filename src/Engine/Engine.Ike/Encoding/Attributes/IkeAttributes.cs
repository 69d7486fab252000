using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Attributes;

/// <summary>
/// Phase-1 transform attributes (RFC 2409 Appendix A) in the forms peers expect: the "B" ones as
/// TV, the life duration as a 4-byte TLV after its Life Type.
/// </summary>
public static class IkeAttributes
{
    public static DataAttribute Encryption(IkeEncryptionAlgorithm algorithm) =>
        DataAttribute.Basic((ushort)IkeAttributeType.EncryptionAlgorithm, (ushort)algorithm);

    public static DataAttribute KeyLength(ushort bits) =>
        DataAttribute.Basic((ushort)IkeAttributeType.KeyLength, bits);

    public static DataAttribute Hash(IkeHashAlgorithm algorithm) =>
        DataAttribute.Basic((ushort)IkeAttributeType.HashAlgorithm, (ushort)algorithm);

    public static DataAttribute Authentication(IkeAuthenticationMethod method) =>
        DataAttribute.Basic((ushort)IkeAttributeType.AuthenticationMethod, (ushort)method);

    public static DataAttribute Group(DiffieHellmanGroup group) =>
        DataAttribute.Basic((ushort)IkeAttributeType.GroupDescription, (ushort)group);

    public static DataAttribute GroupType(IkeGroupType type) =>
        DataAttribute.Basic((ushort)IkeAttributeType.GroupType, (ushort)type);

    /// <summary>Life Type followed by Life Duration, the order RFC 2409 Appendix A requires.</summary>
    public static DataAttribute[] Lifetime(SaLifeType type, uint duration) =>
    [
        DataAttribute.Basic((ushort)IkeAttributeType.LifeType, (ushort)type),
        DataAttribute.VariableUInt32((ushort)IkeAttributeType.LifeDuration, duration),
    ];

    public static DataAttribute[] LifetimeSeconds(uint seconds) => Lifetime(SaLifeType.Seconds, seconds);

    public static DataAttribute[] LifetimeKilobytes(uint kilobytes) => Lifetime(SaLifeType.Kilobytes, kilobytes);
}
