namespace Engine.Crypto.Aead;

/// <summary>ESP AES-GCM with a 16-byte ICV (RFC 4106), by key length.</summary>
public static class AeadAlgorithms
{
    private const int SaltSize = 4;
    private const int IvSize = 8;
    private const int IcvSize = 16;

    /// <summary>AES-GCM-16 with a 128-bit key (20 bytes of KEYMAT with the salt).</summary>
    public static AeadAlgorithm AesGcm16Key128 { get; } = Gcm("AES-GCM-16-128", 16);

    /// <summary>AES-GCM-16 with a 192-bit key (28 bytes of KEYMAT with the salt).</summary>
    public static AeadAlgorithm AesGcm16Key192 { get; } = Gcm("AES-GCM-16-192", 24);

    /// <summary>AES-GCM-16 with a 256-bit key (36 bytes of KEYMAT with the salt).</summary>
    public static AeadAlgorithm AesGcm16Key256 { get; } = Gcm("AES-GCM-16-256", 32);

    private static AeadAlgorithm Gcm(string name, int keySize) =>
        new(name, keySize, SaltSize, IvSize, IcvSize, keyMaterial => new AesGcmAead(keyMaterial, IcvSize));
}
