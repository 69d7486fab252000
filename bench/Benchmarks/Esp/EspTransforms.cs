using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>The ESP transforms the benchmarks cover, keyed with random KEYMAT through Engine.Crypto's descriptors.</summary>
public static class EspTransforms
{
    public const string AesGcm128 = "AES-GCM-16-128";
    public const string AesGcm256 = "AES-GCM-16-256";
    public const string AesCbc128Sha1 = "AES-CBC-128/HMAC-SHA1-96";
    public const string AesCbc256Sha1 = "AES-CBC-256/HMAC-SHA1-96";
    public const string AesCbc128Sha256 = "AES-CBC-128/HMAC-SHA-256-128";
    public const string AesCbc256Sha256 = "AES-CBC-256/HMAC-SHA-256-128";
    public const string TripleDesSha1 = "3DES-CBC/HMAC-SHA1-96";
    public const string NullSha256 = "NULL/HMAC-SHA-256-128";

    public static IReadOnlyList<string> Names { get; } =
        [AesGcm128, AesGcm256, AesCbc128Sha1, AesCbc256Sha1, AesCbc128Sha256, AesCbc256Sha256, TripleDesSha1, NullSha256];

    /// <summary>Two SAs keyed alike: one to seal with, one to open with, as the two peers hold them.</summary>
    public static (EspSa Outbound, EspSa Inbound) CreatePair(string name)
    {
        var (aead, cipher, integrity) = Describe(name);
        if (aead is not null)
        {
            var keyMaterial = RandomNumberGenerator.GetBytes(aead.KeyMaterialSize);
            return (new AeadEspSa(aead.Create(keyMaterial)), new AeadEspSa(aead.Create(keyMaterial)));
        }

        var cipherKey = RandomNumberGenerator.GetBytes(cipher!.KeySize);
        var integrityKey = RandomNumberGenerator.GetBytes(integrity!.KeySize);
        return (new CipherIntegrityEspSa(cipher.Create(cipherKey), integrity.Create(integrityKey)),
            new CipherIntegrityEspSa(cipher.Create(cipherKey), integrity.Create(integrityKey)));
    }

    private static (AeadAlgorithm? Aead, CipherAlgorithm? Cipher, IntegrityAlgorithm? Integrity) Describe(string name) => name switch
    {
        AesGcm128 => (AeadAlgorithms.AesGcm16Key128, null, null),
        AesGcm256 => (AeadAlgorithms.AesGcm16Key256, null, null),
        AesCbc128Sha1 => (null, CipherAlgorithms.AesCbc128, IntegrityAlgorithms.HmacSha1Icv96),
        AesCbc256Sha1 => (null, CipherAlgorithms.AesCbc256, IntegrityAlgorithms.HmacSha1Icv96),
        AesCbc128Sha256 => (null, CipherAlgorithms.AesCbc128, IntegrityAlgorithms.HmacSha256Icv128),
        AesCbc256Sha256 => (null, CipherAlgorithms.AesCbc256, IntegrityAlgorithms.HmacSha256Icv128),
        TripleDesSha1 => (null, CipherAlgorithms.TripleDesCbc, IntegrityAlgorithms.HmacSha1Icv96),
        NullSha256 => (null, CipherAlgorithms.Null, IntegrityAlgorithms.HmacSha256Icv128),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a benchmarked transform."),
    };
}
