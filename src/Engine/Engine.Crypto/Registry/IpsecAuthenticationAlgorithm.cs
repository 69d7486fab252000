namespace Engine.Crypto.Registry;

/// <summary>
/// Values of the IPsec DOI "Authentication Algorithm" SA attribute (type 5, RFC 2407 section
/// 4.5, IANA), which names the integrity transform of an ESP or AH proposal in quick mode.
/// </summary>
public enum IpsecAuthenticationAlgorithm
{
    /// <summary>HMAC-MD5: HMAC-MD5-96 (RFC 2403), legacy.</summary>
    HmacMd5 = 1,

    /// <summary>HMAC-SHA: HMAC-SHA1-96 (RFC 2404).</summary>
    HmacSha1 = 2,

    /// <summary>HMAC-SHA2-256: HMAC-SHA-256-128 (RFC 4868).</summary>
    HmacSha256 = 5,

    /// <summary>HMAC-SHA2-384: HMAC-SHA-384-192 (RFC 4868).</summary>
    HmacSha384 = 6,

    /// <summary>HMAC-SHA2-512: HMAC-SHA-512-256 (RFC 4868).</summary>
    HmacSha512 = 7,
}
