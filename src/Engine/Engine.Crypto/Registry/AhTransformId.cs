namespace Engine.Crypto.Registry;

/// <summary>
/// IPsec DOI AH transform identifiers (RFC 2407 section 4.4.3, IANA "IPSEC AH Transform
/// Identifiers"); the ones this engine implements.
/// </summary>
public enum AhTransformId
{
    /// <summary>AH_MD5: HMAC-MD5-96 (RFC 2403), legacy.</summary>
    Md5 = 2,

    /// <summary>AH_SHA: HMAC-SHA1-96 (RFC 2404).</summary>
    Sha1 = 3,

    /// <summary>AH_SHA2-256: HMAC-SHA-256-128 (RFC 4868).</summary>
    Sha256 = 5,

    /// <summary>AH_SHA2-384: HMAC-SHA-384-192 (RFC 4868).</summary>
    Sha384 = 6,

    /// <summary>AH_SHA2-512: HMAC-SHA-512-256 (RFC 4868).</summary>
    Sha512 = 7,
}
