using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Prf;

namespace Engine.Crypto.Registry;

/// <summary>IKEv1 phase 1 transforms by their attribute values. Thread-safe.</summary>
public static class Ikev1Algorithms
{
    private static readonly IPrf HmacMd5 = new HmacPrf("HMAC-MD5", HashAlgorithmName.MD5, 16);
    private static readonly IPrf HmacSha1 = new HmacPrf("HMAC-SHA1", HashAlgorithmName.SHA1, 20);
    private static readonly IPrf HmacSha256 = new HmacPrf("HMAC-SHA-256", HashAlgorithmName.SHA256, 32);
    private static readonly IPrf HmacSha384 = new HmacPrf("HMAC-SHA-384", HashAlgorithmName.SHA384, 48);
    private static readonly IPrf HmacSha512 = new HmacPrf("HMAC-SHA-512", HashAlgorithmName.SHA512, 64);

    /// <summary>
    /// The phase 1 cipher from the Encryption Algorithm attribute and the Key Length attribute
    /// (bits; 0 when absent, which AES does not allow).
    /// </summary>
    public static bool TryGetCipher(Ikev1EncryptionAlgorithm id, int keyLengthBits, [NotNullWhen(true)] out CipherAlgorithm? cipher)
    {
        cipher = id switch
        {
            Ikev1EncryptionAlgorithm.AesCbc => KeyLengths.Aes(keyLengthBits, CipherAlgorithms.AesCbc128, CipherAlgorithms.AesCbc192, CipherAlgorithms.AesCbc256),
            Ikev1EncryptionAlgorithm.TripleDesCbc => KeyLengths.Fixed(keyLengthBits, 192, CipherAlgorithms.TripleDesCbc),
            Ikev1EncryptionAlgorithm.DesCbc => KeyLengths.Fixed(keyLengthBits, 64, CipherAlgorithms.DesCbc),
            _ => null,
        };
        return cipher is not null;
    }

    /// <summary>The phase 1 PRF: the HMAC of the negotiated hash (RFC 2409 section 4).</summary>
    public static bool TryGetPrf(Ikev1HashAlgorithm id, [NotNullWhen(true)] out IPrf? prf)
    {
        prf = id switch
        {
            Ikev1HashAlgorithm.Md5 => HmacMd5,
            Ikev1HashAlgorithm.Sha1 => HmacSha1,
            Ikev1HashAlgorithm.Sha256 => HmacSha256,
            Ikev1HashAlgorithm.Sha384 => HmacSha384,
            Ikev1HashAlgorithm.Sha512 => HmacSha512,
            _ => null,
        };
        return prf is not null;
    }

    /// <summary>The negotiated hash itself, which IKEv1 uses unkeyed for the phase 1 and phase 2 IVs.</summary>
    public static bool TryGetHash(Ikev1HashAlgorithm id, out HashAlgorithmName hash)
    {
        hash = id switch
        {
            Ikev1HashAlgorithm.Md5 => HashAlgorithmName.MD5,
            Ikev1HashAlgorithm.Sha1 => HashAlgorithmName.SHA1,
            Ikev1HashAlgorithm.Sha256 => HashAlgorithmName.SHA256,
            Ikev1HashAlgorithm.Sha384 => HashAlgorithmName.SHA384,
            Ikev1HashAlgorithm.Sha512 => HashAlgorithmName.SHA512,
            _ => default,
        };
        return hash != default;
    }
}
