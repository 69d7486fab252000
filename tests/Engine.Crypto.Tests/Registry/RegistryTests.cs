using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.Registry;

/// <summary>The IANA ids resolve to the transforms README.md lists, and nothing else resolves.</summary>
public class RegistryTests
{
    [Theory]
    [InlineData(EspTransformId.AesCbc, 128, "AES-CBC-128", 16)]
    [InlineData(EspTransformId.AesCbc, 192, "AES-CBC-192", 24)]
    [InlineData(EspTransformId.AesCbc, 256, "AES-CBC-256", 32)]
    [InlineData(EspTransformId.TripleDes, 0, "3DES-CBC", 24)]
    [InlineData(EspTransformId.TripleDes, 192, "3DES-CBC", 24)]
    [InlineData(EspTransformId.Des, 0, "DES-CBC", 8)]
    [InlineData(EspTransformId.Null, 0, "NULL", 0)]
    public void Esp_ciphers(EspTransformId id, int keyBits, string name, int keySize)
    {
        Assert.False(EspAlgorithms.IsAead(id));
        Assert.True(EspAlgorithms.TryGetCipher(id, keyBits, out var cipher));
        Assert.Equal(name, cipher.Name);
        Assert.Equal(keySize, cipher.KeySize);
        Assert.False(EspAlgorithms.TryGetAead(id, keyBits, out _));
    }

    [Theory]
    [InlineData(128, "AES-GCM-16-128", 20)]
    [InlineData(192, "AES-GCM-16-192", 28)]
    [InlineData(256, "AES-GCM-16-256", 36)]
    public void Esp_aes_gcm(int keyBits, string name, int keyMaterialSize)
    {
        Assert.True(EspAlgorithms.IsAead(EspTransformId.AesGcm16));
        Assert.True(EspAlgorithms.TryGetAead(EspTransformId.AesGcm16, keyBits, out var aead));
        Assert.Equal(name, aead.Name);
        Assert.Equal(keyMaterialSize, aead.KeyMaterialSize);
        Assert.Equal(8, aead.IvSize);
        Assert.Equal(16, aead.IcvSize);
        Assert.False(EspAlgorithms.TryGetCipher(EspTransformId.AesGcm16, keyBits, out _));
    }

    [Theory]
    [InlineData(EspTransformId.AesCbc, 0)]
    [InlineData(EspTransformId.AesCbc, 64)]
    [InlineData(EspTransformId.AesGcm16, 0)]
    [InlineData(EspTransformId.TripleDes, 128)]
    [InlineData(EspTransformId.Null, 128)]
    [InlineData((EspTransformId)13, 128)]
    [InlineData((EspTransformId)18, 128)]
    public void Esp_refuses_unknown_ids_and_wrong_key_lengths(EspTransformId id, int keyBits)
    {
        Assert.False(EspAlgorithms.TryGetCipher(id, keyBits, out _));
        Assert.False(EspAlgorithms.TryGetAead(id, keyBits, out _));
    }

    [Theory]
    [InlineData(IpsecAuthenticationAlgorithm.HmacMd5, AhTransformId.Md5, "HMAC-MD5-96", 16, 12)]
    [InlineData(IpsecAuthenticationAlgorithm.HmacSha1, AhTransformId.Sha1, "HMAC-SHA1-96", 20, 12)]
    [InlineData(IpsecAuthenticationAlgorithm.HmacSha256, AhTransformId.Sha256, "HMAC-SHA-256-128", 32, 16)]
    [InlineData(IpsecAuthenticationAlgorithm.HmacSha384, AhTransformId.Sha384, "HMAC-SHA-384-192", 48, 24)]
    [InlineData(IpsecAuthenticationAlgorithm.HmacSha512, AhTransformId.Sha512, "HMAC-SHA-512-256", 64, 32)]
    public void Integrity_for_esp_and_ah(IpsecAuthenticationAlgorithm attribute, AhTransformId ah, string name, int keySize, int icvSize)
    {
        Assert.True(EspAlgorithms.TryGetIntegrity(attribute, out var esp));
        Assert.True(AhAlgorithms.TryGetIntegrity(ah, out var viaAh));
        Assert.Same(esp, viaAh);
        Assert.Equal(name, esp.Name);
        Assert.Equal(keySize, esp.KeySize);
        Assert.Equal(icvSize, esp.IcvSize);
    }

    [Fact]
    public void Integrity_refuses_unimplemented_ids()
    {
        Assert.False(EspAlgorithms.TryGetIntegrity((IpsecAuthenticationAlgorithm)3, out _));
        Assert.False(AhAlgorithms.TryGetIntegrity((AhTransformId)4, out _));
    }

    [Theory]
    [InlineData(Ikev1EncryptionAlgorithm.AesCbc, 128, "AES-CBC-128")]
    [InlineData(Ikev1EncryptionAlgorithm.AesCbc, 256, "AES-CBC-256")]
    [InlineData(Ikev1EncryptionAlgorithm.TripleDesCbc, 0, "3DES-CBC")]
    [InlineData(Ikev1EncryptionAlgorithm.DesCbc, 0, "DES-CBC")]
    public void Ikev1_ciphers(Ikev1EncryptionAlgorithm id, int keyBits, string name)
    {
        Assert.True(Ikev1Algorithms.TryGetCipher(id, keyBits, out var cipher));
        Assert.Equal(name, cipher.Name);
    }

    [Theory]
    [InlineData(Ikev1HashAlgorithm.Md5, "HMAC-MD5", 16)]
    [InlineData(Ikev1HashAlgorithm.Sha1, "HMAC-SHA1", 20)]
    [InlineData(Ikev1HashAlgorithm.Sha256, "HMAC-SHA-256", 32)]
    [InlineData(Ikev1HashAlgorithm.Sha384, "HMAC-SHA-384", 48)]
    [InlineData(Ikev1HashAlgorithm.Sha512, "HMAC-SHA-512", 64)]
    public void Ikev1_prfs_and_hashes(Ikev1HashAlgorithm id, string name, int outputSize)
    {
        Assert.True(Ikev1Algorithms.TryGetPrf(id, out var prf));
        Assert.True(Ikev1Algorithms.TryGetHash(id, out _));
        Assert.Equal(name, prf.Name);
        Assert.Equal(outputSize, prf.OutputSize);
    }

    [Fact]
    public void Ikev1_refuses_unimplemented_attributes()
    {
        Assert.False(Ikev1Algorithms.TryGetCipher(Ikev1EncryptionAlgorithm.AesCbc, 0, out _));
        Assert.False(Ikev1Algorithms.TryGetCipher((Ikev1EncryptionAlgorithm)2, 0, out _));
        Assert.False(Ikev1Algorithms.TryGetPrf((Ikev1HashAlgorithm)3, out _));
        Assert.False(Ikev1Algorithms.TryGetHash((Ikev1HashAlgorithm)3, out _));
    }

    [Fact]
    public void Descriptors_are_shared_instances()
    {
        Assert.True(EspAlgorithms.TryGetCipher(EspTransformId.AesCbc, 256, out var esp));
        Assert.True(Ikev1Algorithms.TryGetCipher(Ikev1EncryptionAlgorithm.AesCbc, 256, out var ike));
        Assert.Same(CipherAlgorithms.AesCbc256, esp);
        Assert.Same(esp, ike);
        Assert.True(EspAlgorithms.TryGetAead(EspTransformId.AesGcm16, 128, out var gcm));
        Assert.Same(AeadAlgorithms.AesGcm16Key128, gcm);
        Assert.True(EspAlgorithms.TryGetIntegrity(IpsecAuthenticationAlgorithm.HmacSha1, out var sha1));
        Assert.Same(IntegrityAlgorithms.HmacSha1Icv96, sha1);
    }
}
