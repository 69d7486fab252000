namespace IpSecPolicy.Model.Values;

/// <summary>Encryption algorithms; text forms are netsh's (<c>3DES</c> for <see cref="TripleDES"/>).</summary>
public enum EncryptionAlgorithm
{
    None,
    DES,
    TripleDES,
    AES128,
    AES192,
    AES256,
    AESGCM128,
    AESGCM256,
}

/// <summary>Hash / integrity algorithms (HMAC variants for ESP and AH).</summary>
public enum IntegrityAlgorithm
{
    None,
    MD5,
    SHA1,
    SHA256,
    SHA384,
    SHA512,
}

/// <summary>Diffie-Hellman groups by their IANA number (RFC 2409, 3526, 5114, 5903, 8031).</summary>
public enum DHGroup
{
    Group1 = 1,
    Group2 = 2,
    Group5 = 5,
    Group14 = 14,
    Group15 = 15,
    Group16 = 16,
    Group19 = 19,
    Group20 = 20,
    Group21 = 21,
    Group31 = 31,
}

/// <summary>What a quick mode security method protects with.</summary>
public enum SecurityProtocol
{
    Esp,
    Ah,
    AhAndEsp,
}
