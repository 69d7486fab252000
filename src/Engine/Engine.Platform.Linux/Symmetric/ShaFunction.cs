namespace Engine.Platform.Linux.Symmetric;

/// <summary>The hashes <see cref="LibCryptoHmac"/> runs through libcrypto's SHA block functions.</summary>
internal enum ShaFunction
{
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}
