namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IPsec DOI AH transform identifiers (RFC 2407 section 4.4.3; SHA-2 values from RFC 4868
/// section 4 via the IANA "IPSEC AH Transform Identifiers" registry).
/// </summary>
public enum AhTransformId : byte
{
    Md5 = 2,
    Sha1 = 3,
    Des = 4,
    Sha2_256 = 5,
    Sha2_384 = 6,
    Sha2_512 = 7,
}
