namespace Engine.Crypto.Registry;

/// <summary>
/// IPsec DOI ESP transform identifiers (RFC 2407 section 4.4.4, IANA "IPSEC ESP Transform
/// Identifiers"), the encryption half of an ESP proposal; the ones this engine implements.
/// </summary>
public enum EspTransformId
{
    /// <summary>ESP_DES (RFC 2405), legacy.</summary>
    Des = 2,

    /// <summary>ESP_3DES (RFC 2451).</summary>
    TripleDes = 3,

    /// <summary>ESP_NULL (RFC 2410): integrity only.</summary>
    Null = 11,

    /// <summary>ESP_AES-CBC (RFC 3602); needs the Key Length attribute.</summary>
    AesCbc = 12,

    /// <summary>ESP_AES-GCM with a 16-byte ICV (RFC 4106); needs the Key Length attribute.</summary>
    AesGcm16 = 20,
}
