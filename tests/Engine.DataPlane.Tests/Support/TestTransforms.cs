using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Tests.Support;

/// <summary>Every ESP and AH transform the data plane carries, by name, for theories.</summary>
public static class TestTransforms
{
    public static readonly TestTransform AesCbc128Sha1 = Esp("aes-cbc-128/sha1", CipherAlgorithms.AesCbc128, IntegrityAlgorithms.HmacSha1Icv96,
        "AES-CBC [RFC3602]", "HMAC-SHA-1-96 [RFC2404]");

    public static readonly TestTransform AesCbc256Sha256 = Esp("aes-cbc-256/sha256", CipherAlgorithms.AesCbc256, IntegrityAlgorithms.HmacSha256Icv128,
        "AES-CBC [RFC3602]", "HMAC-SHA-256-128 [RFC4868]");

    public static readonly TestTransform AesCbc192Sha384 = Esp("aes-cbc-192/sha384", CipherAlgorithms.AesCbc192, IntegrityAlgorithms.HmacSha384Icv192,
        "AES-CBC [RFC3602]", "HMAC-SHA-384-192 [RFC4868]");

    public static readonly TestTransform AesCbc128Sha512 = Esp("aes-cbc-128/sha512", CipherAlgorithms.AesCbc128, IntegrityAlgorithms.HmacSha512Icv256,
        "AES-CBC [RFC3602]", "HMAC-SHA-512-256 [RFC4868]");

    public static readonly TestTransform TripleDesSha1 = Esp("3des/sha1", CipherAlgorithms.TripleDesCbc, IntegrityAlgorithms.HmacSha1Icv96,
        "TripleDES-CBC [RFC2451]", "HMAC-SHA-1-96 [RFC2404]");

    public static readonly TestTransform TripleDesMd5 = Esp("3des/md5", CipherAlgorithms.TripleDesCbc, IntegrityAlgorithms.HmacMd5Icv96,
        "TripleDES-CBC [RFC2451]", "HMAC-MD5-96 [RFC2403]");

    public static readonly TestTransform DesSha1 = Esp("des/sha1", CipherAlgorithms.DesCbc, IntegrityAlgorithms.HmacSha1Icv96,
        "DES-CBC [RFC2405]", "HMAC-SHA-1-96 [RFC2404]");

    public static readonly TestTransform NullSha1 = Esp("null/sha1", CipherAlgorithms.Null, IntegrityAlgorithms.HmacSha1Icv96,
        "NULL", "HMAC-SHA-1-96 [RFC2404]");

    public static readonly TestTransform NullSha256 = Esp("null/sha256", CipherAlgorithms.Null, IntegrityAlgorithms.HmacSha256Icv128,
        "NULL", "HMAC-SHA-256-128 [RFC4868]");

    public static readonly TestTransform AesCbc128NoIntegrity = Esp("aes-cbc-128/none", CipherAlgorithms.AesCbc128, null,
        "AES-CBC [RFC3602]", "NULL");

    public static readonly TestTransform AesGcm128 = new("aes-gcm-16-128", IpsecProtocol.Esp, null, AeadAlgorithms.AesGcm16Key128, null,
        "AES-GCM with 16 octet ICV [RFC4106]", "NULL");

    public static readonly TestTransform AesGcm192 = new("aes-gcm-16-192", IpsecProtocol.Esp, null, AeadAlgorithms.AesGcm16Key192, null,
        "AES-GCM with 16 octet ICV [RFC4106]", "NULL");

    public static readonly TestTransform AesGcm256 = new("aes-gcm-16-256", IpsecProtocol.Esp, null, AeadAlgorithms.AesGcm16Key256, null,
        "AES-GCM with 16 octet ICV [RFC4106]", "NULL");

    public static readonly TestTransform AhSha1 = Ah("ah/sha1", IntegrityAlgorithms.HmacSha1Icv96);

    public static readonly TestTransform AhSha256 = Ah("ah/sha256", IntegrityAlgorithms.HmacSha256Icv128);

    public static readonly TestTransform AhMd5 = Ah("ah/md5", IntegrityAlgorithms.HmacMd5Icv96);

    public static readonly TestTransform AhSha512 = Ah("ah/sha512", IntegrityAlgorithms.HmacSha512Icv256);

    public static IReadOnlyList<TestTransform> Esp() =>
    [
        AesCbc128Sha1, AesCbc256Sha256, AesCbc192Sha384, AesCbc128Sha512, TripleDesSha1, TripleDesMd5, DesSha1,
        NullSha1, NullSha256, AesCbc128NoIntegrity, AesGcm128, AesGcm192, AesGcm256,
    ];

    public static IReadOnlyList<TestTransform> Ah() => [AhSha1, AhSha256, AhMd5, AhSha512];

    public static IReadOnlyList<TestTransform> All() => [.. Esp(), .. Ah()];

    public static TestTransform Named(string name) => All().Single(transform => transform.Name == name);

    public static TheoryData<string> EspNames() => new(Esp().Select(transform => transform.Name));

    public static TheoryData<string> AhNames() => new(Ah().Select(transform => transform.Name));

    public static TheoryData<string> AllNames() => new(All().Select(transform => transform.Name));

    private static TestTransform Esp(string name, CipherAlgorithm cipher, IntegrityAlgorithm? integrity, string wiresharkEncryption, string wiresharkAuthentication) =>
        new(name, IpsecProtocol.Esp, cipher, null, integrity, wiresharkEncryption, wiresharkAuthentication);

    private static TestTransform Ah(string name, IntegrityAlgorithm integrity) =>
        new(name, IpsecProtocol.Ah, null, null, integrity, "NULL", integrity.Name);
}
