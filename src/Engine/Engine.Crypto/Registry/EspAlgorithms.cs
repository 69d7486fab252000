using System.Diagnostics.CodeAnalysis;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;

namespace Engine.Crypto.Registry;

/// <summary>
/// ESP transforms by their quick mode ids: the ESP transform id with its Key Length attribute
/// (bits; 0 when the proposal carries none) for encryption, the Authentication Algorithm attribute
/// for integrity. Thread-safe.
/// </summary>
public static class EspAlgorithms
{
    /// <summary>True for combined-mode transforms, which take no separate integrity transform.</summary>
    public static bool IsAead(EspTransformId id) => id == EspTransformId.AesGcm16;

    /// <summary>The encryption of a non-combined ESP transform (CBC or NULL).</summary>
    public static bool TryGetCipher(EspTransformId id, int keyLengthBits, [NotNullWhen(true)] out CipherAlgorithm? cipher)
    {
        cipher = id switch
        {
            EspTransformId.AesCbc => KeyLengths.Aes(keyLengthBits, CipherAlgorithms.AesCbc128, CipherAlgorithms.AesCbc192, CipherAlgorithms.AesCbc256),
            EspTransformId.TripleDes => KeyLengths.Fixed(keyLengthBits, 192, CipherAlgorithms.TripleDesCbc),
            EspTransformId.Des => KeyLengths.Fixed(keyLengthBits, 64, CipherAlgorithms.DesCbc),
            EspTransformId.Null => KeyLengths.Fixed(keyLengthBits, 0, CipherAlgorithms.Null),
            _ => null,
        };
        return cipher is not null;
    }

    /// <summary>A combined-mode ESP transform (AES-GCM-16, RFC 4106: Key Length 128, 192 or 256 required).</summary>
    public static bool TryGetAead(EspTransformId id, int keyLengthBits, [NotNullWhen(true)] out AeadAlgorithm? aead)
    {
        aead = id == EspTransformId.AesGcm16
            ? KeyLengths.Aes(keyLengthBits, AeadAlgorithms.AesGcm16Key128, AeadAlgorithms.AesGcm16Key192, AeadAlgorithms.AesGcm16Key256)
            : null;
        return aead is not null;
    }

    /// <summary>The integrity transform named by the Authentication Algorithm attribute.</summary>
    public static bool TryGetIntegrity(IpsecAuthenticationAlgorithm id, [NotNullWhen(true)] out IntegrityAlgorithm? integrity)
    {
        integrity = id switch
        {
            IpsecAuthenticationAlgorithm.HmacMd5 => IntegrityAlgorithms.HmacMd5Icv96,
            IpsecAuthenticationAlgorithm.HmacSha1 => IntegrityAlgorithms.HmacSha1Icv96,
            IpsecAuthenticationAlgorithm.HmacSha256 => IntegrityAlgorithms.HmacSha256Icv128,
            IpsecAuthenticationAlgorithm.HmacSha384 => IntegrityAlgorithms.HmacSha384Icv192,
            IpsecAuthenticationAlgorithm.HmacSha512 => IntegrityAlgorithms.HmacSha512Icv256,
            _ => null,
        };
        return integrity is not null;
    }
}
