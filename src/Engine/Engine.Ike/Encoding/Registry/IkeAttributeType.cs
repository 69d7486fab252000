namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// Phase-1 (PROTO_ISAKMP / KEY_IKE) transform attribute types, RFC 2409 Appendix A.
/// "B" attributes are basic (TV) on the wire; "V" attributes are variable (TLV).
/// </summary>
public enum IkeAttributeType : ushort
{
    /// <summary>B, values in <see cref="IkeEncryptionAlgorithm"/>.</summary>
    EncryptionAlgorithm = 1,
    /// <summary>B, values in <see cref="IkeHashAlgorithm"/>.</summary>
    HashAlgorithm = 2,
    /// <summary>B, values in <see cref="IkeAuthenticationMethod"/>.</summary>
    AuthenticationMethod = 3,
    /// <summary>B, values in <see cref="DiffieHellmanGroup"/>.</summary>
    GroupDescription = 4,
    /// <summary>B, values in <see cref="IkeGroupType"/>.</summary>
    GroupType = 5,
    GroupPrime = 6,
    GroupGeneratorOne = 7,
    GroupGeneratorTwo = 8,
    GroupCurveA = 9,
    GroupCurveB = 10,
    /// <summary>B, values in <see cref="SaLifeType"/>.</summary>
    LifeType = 11,
    /// <summary>V: a number of the unit of the preceding Life Type; Windows sends it as a 4-byte TLV.</summary>
    LifeDuration = 12,
    Prf = 13,
    /// <summary>B: key length in bits for variable-key ciphers (AES).</summary>
    KeyLength = 14,
    FieldSize = 15,
    GroupOrder = 16,
}
