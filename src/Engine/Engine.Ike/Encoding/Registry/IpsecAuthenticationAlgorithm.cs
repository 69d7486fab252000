namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IPsec DOI Authentication Algorithm values: RFC 2407 section 4.5 (1-4), RFC 4868 section 4
/// (SHA-2, 5-7), RFC 2857 (RIPEMD 8), RFC 3566 (AES-XCBC 9), RFC 4359 (SIG-RSA 10),
/// RFC 4543 (AES-GMAC 11-13).
/// </summary>
public enum IpsecAuthenticationAlgorithm : ushort
{
    HmacMd5 = 1,
    HmacSha1 = 2,
    DesMac = 3,
    Kpdk = 4,
    HmacSha2_256 = 5,
    HmacSha2_384 = 6,
    HmacSha2_512 = 7,
    HmacRipemd = 8,
    AesXcbcMac = 9,
    SigRsa = 10,
    Aes128Gmac = 11,
    Aes192Gmac = 12,
    Aes256Gmac = 13,
}
