namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IPsec DOI ESP transform identifiers (RFC 2407 section 4.4.4, IANA "IPSEC ESP Transform
/// Identifiers": AES-CBC 12 by RFC 3602, AES-CTR 13 by RFC 3686, CCM 14-16 by RFC 4309,
/// GCM 18-20 by RFC 4106, NULL-AES-GMAC 23 by RFC 4543).
/// </summary>
public enum EspTransformId : byte
{
    DesIv64 = 1,
    Des = 2,
    TripleDes = 3,
    Rc5 = 4,
    Idea = 5,
    Cast = 6,
    Blowfish = 7,
    TripleIdea = 8,
    DesIv32 = 9,
    Rc4 = 10,
    Null = 11,
    AesCbc = 12,
    AesCtr = 13,
    AesCcm8 = 14,
    AesCcm12 = 15,
    AesCcm16 = 16,
    AesGcm8 = 18,
    AesGcm12 = 19,
    AesGcm16 = 20,
    NullAuthAesGmac = 23,
}
