namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IPsec DOI (phase-2) SA attribute types, RFC 2407 section 4.5; Extended Sequence Number 11 is
/// RFC 4304 section 2.
/// </summary>
public enum IpsecAttributeType : ushort
{
    /// <summary>B, values in <see cref="SaLifeType"/>.</summary>
    SaLifeType = 1,
    /// <summary>V: seconds or kilobytes, 4 bytes in practice.</summary>
    SaLifeDuration = 2,
    /// <summary>B: the PFS group, values in <see cref="DiffieHellmanGroup"/>.</summary>
    GroupDescription = 3,
    /// <summary>B, values in <see cref="EncapsulationMode"/>.</summary>
    EncapsulationMode = 4,
    /// <summary>B, values in <see cref="IpsecAuthenticationAlgorithm"/>.</summary>
    AuthenticationAlgorithm = 5,
    /// <summary>B: key length in bits.</summary>
    KeyLength = 6,
    KeyRounds = 7,
    CompressDictionarySize = 8,
    CompressPrivateAlgorithm = 9,
    /// <summary>B: 1 means 64-bit sequence numbers.</summary>
    ExtendedSequenceNumber = 11,
}
