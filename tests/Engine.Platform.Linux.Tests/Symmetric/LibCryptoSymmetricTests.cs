using System;
using System.Security.Cryptography;
using System.Text;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Platform.Linux.Symmetric;

namespace Engine.Platform.Linux.Tests.Symmetric;

/// <summary>
/// The libcrypto AES-CBC and HMAC of <see cref="LibCryptoSymmetricProvider"/>: NIST SP 800-38A F.2,
/// RFC 3602, RFC 2202 and RFC 4231 vectors, per-call IVs over many calls against .NET, no allocation
/// per call, and the registration that makes CipherAlgorithms and IntegrityAlgorithms use it.
/// </summary>
[Collection(Crypto.LibCryptoCollection.Name)]
public sealed class LibCryptoSymmetricTests
{
    private const string Sp80038aIv = "000102030405060708090a0b0c0d0e0f";
    private const string Sp80038aPlaintext =
        "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51" +
        "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

    private const string LargeKeyData = "Test Using Larger Than Block-Size Key - Hash Key First";
    private const string LargeKeyLargeData2 =
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";

    private static readonly LibCryptoSymmetricProvider Provider = LibCryptoSymmetricProvider.TryCreate(out var failure)
        ?? throw new InvalidOperationException(failure);

    public static TheoryData<string, string, string, string, string> AesVectors => new()
    {
        { "RFC 3602 case 1", "06a9214036b8a15b512e03d534120006", "3dafba429d9eb430b422da802c9fac41", Hex("Single block msg"u8), "e353779c1079aeb82708942dbe77181a" },
        {
            "RFC 3602 case 3", "6c3ea0477630ce21a2ce334aa746c2cd", "c782dc4c098c66cbd9cd27d825682c81",
            Hex("This is a 48-byte message (exactly 3 AES blocks)"u8),
            "d0a02b3836451753d493665d33f0e886 2dea54cdb293abc7506939276772f8d5 021c19216bad525c8579695d83ba2684"
        },
        {
            "SP 800-38A F.2.1 CBC-AES128", "2b7e151628aed2a6abf7158809cf4f3c", Sp80038aIv, Sp80038aPlaintext,
            "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2 73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7"
        },
        {
            "SP 800-38A F.2.3 CBC-AES192", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", Sp80038aIv, Sp80038aPlaintext,
            "4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a 571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd"
        },
        {
            "SP 800-38A F.2.5 CBC-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", Sp80038aIv, Sp80038aPlaintext,
            "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d 39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b"
        },
    };

    public static TheoryData<string, string, string, string, string> HmacVectors => new()
    {
        { "RFC 2202 SHA1 1", "SHA1", Hex(Repeat(0x0b, 20)), Hex("Hi There"u8), "b617318655057264e28bc0b6fb378c8ef146be00" },
        { "RFC 2202 SHA1 5 (96)", "SHA1", Hex(Repeat(0x0c, 20)), Hex("Test With Truncation"u8), "4c1a03424b55e07fe7f27be1" },
        { "RFC 2202 SHA1 6", "SHA1", Hex(Repeat(0xaa, 80)), Hex(Encoding.ASCII.GetBytes(LargeKeyData)), "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
        { "RFC 4231 1 SHA-256", "SHA256", Hex(Repeat(0x0b, 20)), Hex("Hi There"u8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "RFC 4231 2 SHA-256", "SHA256", Hex("Jefe"u8), Hex("what do ya want for nothing?"u8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "RFC 4231 3 SHA-256", "SHA256", Hex(Repeat(0xaa, 20)), Hex(Repeat(0xdd, 50)), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "RFC 4231 5 SHA-256 (128)", "SHA256", Hex(Repeat(0x0c, 20)), Hex("Test With Truncation"u8), "a3b6167473100ee06e0c796c2955552b" },
        { "RFC 4231 6 SHA-256", "SHA256", Hex(Repeat(0xaa, 131)), Hex(Encoding.ASCII.GetBytes(LargeKeyData)), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { "RFC 4231 7 SHA-256", "SHA256", Hex(Repeat(0xaa, 131)), Hex(Encoding.ASCII.GetBytes(LargeKeyLargeData2)), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
        {
            "RFC 4231 1 SHA-384", "SHA384", Hex(Repeat(0x0b, 20)), Hex("Hi There"u8),
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"
        },
        {
            "RFC 4231 6 SHA-384", "SHA384", Hex(Repeat(0xaa, 131)), Hex(Encoding.ASCII.GetBytes(LargeKeyData)),
            "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"
        },
        {
            "RFC 4231 2 SHA-512", "SHA512", Hex("Jefe"u8), Hex("what do ya want for nothing?"u8),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        },
        { "RFC 4231 5 SHA-512 (128)", "SHA512", Hex(Repeat(0x0c, 20)), Hex("Test With Truncation"u8), "415fad6271580a531d4179bc891d87a6" },
        {
            "RFC 4231 7 SHA-512", "SHA512", Hex(Repeat(0xaa, 131)), Hex(Encoding.ASCII.GetBytes(LargeKeyLargeData2)),
            "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"
        },
    };

    [Theory]
    [MemberData(nameof(AesVectors))]
    public void Aes_cbc_encrypts_and_decrypts_the_published_vector(string source, string key, string iv, string plaintext, string ciphertext)
    {
        var algorithm = (key.Length / 2) switch
        {
            16 => CipherAlgorithms.AesCbc128,
            24 => CipherAlgorithms.AesCbc192,
            _ => CipherAlgorithms.AesCbc256,
        };
        using var cipher = Provider.Create(algorithm, Bytes(key));
        Assert.IsType<LibCryptoAesCbc>(cipher);
        var data = Bytes(plaintext);

        cipher.Encrypt(Bytes(iv), data);
        Assert.True(Bytes(ciphertext).AsSpan().SequenceEqual(data), source);

        cipher.Decrypt(Bytes(iv), data);
        Assert.Equal(Bytes(plaintext), data);
    }

    [Fact]
    public void Aes_cbc_starts_each_call_from_its_own_iv_as_dotnet_does()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var aes = Aes.Create();
        aes.Key = key;
        using var ours = Provider.Create(CipherAlgorithms.AesCbc256, key)!;
        for (var call = 0; call < 50; call++)
        {
            var iv = RandomNumberGenerator.GetBytes(16);
            var plaintext = RandomNumberGenerator.GetBytes(16 * (1 + (call % 200)));
            var data = (byte[])plaintext.Clone();

            ours.Encrypt(iv, data);
            Assert.Equal(aes.EncryptCbc(plaintext, iv, PaddingMode.None), data);
            ours.Decrypt(iv, data);
            Assert.Equal(plaintext, data);
        }
    }

    [Fact]
    public void Aes_cbc_refuses_partial_blocks_and_wrong_iv_sizes_and_serves_only_aes()
    {
        using var cipher = Provider.Create(CipherAlgorithms.AesCbc128, new byte[16])!;
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[16], new byte[20]));
        Assert.Throws<ArgumentException>(() => cipher.Decrypt(new byte[8], new byte[16]));
        Assert.Null(Provider.Create(CipherAlgorithms.TripleDesCbc, new byte[24]));
        Assert.Null(Provider.Create(CipherAlgorithms.Null, ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [MemberData(nameof(HmacVectors))]
    public void Hmac_computes_and_verifies_the_published_value(string source, string hash, string key, string data, string expected)
    {
        var function = hash switch
        {
            "SHA1" => ShaFunction.Sha1,
            "SHA256" => ShaFunction.Sha256,
            "SHA384" => ShaFunction.Sha384,
            _ => ShaFunction.Sha512,
        };
        var mac = Bytes(expected);
        var message = Bytes(data);
        using var integrity = new LibCryptoHmac(function, Bytes(key), mac.Length);
        var icv = new byte[mac.Length];

        integrity.Compute(message, icv);
        Assert.True(mac.AsSpan().SequenceEqual(icv), source);

        // The two-part form (ESN trailer) is the same HMAC over the concatenation.
        var split = message.Length / 3;
        integrity.Compute(message.AsSpan(0, split), message.AsSpan(split), icv);
        Assert.True(mac.AsSpan().SequenceEqual(icv), source);

        Assert.True(integrity.Verify(message, mac), source);
        Assert.True(integrity.Verify(message.AsSpan(0, split), message.AsSpan(split), mac), source);
        Assert.False(integrity.Verify(message, mac.AsSpan(1)), source);
        mac[^1] ^= 0x80;
        Assert.False(integrity.Verify(message, mac), source);
    }

    [Fact]
    public void Integrity_serves_the_sha_hmacs_and_leaves_md5_to_dotnet()
    {
        using var sha256 = Provider.Create(IntegrityAlgorithms.HmacSha256Icv128, new byte[32]);
        using var sha1 = Provider.Create(IntegrityAlgorithms.HmacSha1Icv96, new byte[20]);
        Assert.IsType<LibCryptoHmac>(sha256);
        Assert.Equal(16, sha256.IcvSize);
        Assert.Equal(12, sha1!.IcvSize);
        Assert.Null(Provider.Create(IntegrityAlgorithms.HmacMd5Icv96, new byte[16]));
    }

    [Fact]
    public void Disposed_instances_refuse_to_work()
    {
        var cipher = Provider.Create(CipherAlgorithms.AesCbc256, new byte[32])!;
        var integrity = Provider.Create(IntegrityAlgorithms.HmacSha256Icv128, new byte[32])!;
        cipher.Dispose();
        integrity.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cipher.Encrypt(new byte[16], new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => integrity.Compute(new byte[16], new byte[16]));
    }

    [Fact]
    public void Seal_and_open_allocate_nothing_per_call()
    {
        using var encryptor = Provider.Create(CipherAlgorithms.AesCbc256, RandomNumberGenerator.GetBytes(32))!;
        using var integrity = Provider.Create(IntegrityAlgorithms.HmacSha256Icv128, RandomNumberGenerator.GetBytes(32))!;
        var iv = new byte[16];
        var packet = new byte[1408];
        var trailer = new byte[4];
        var icv = new byte[16];

        Assert.Equal(0, PerCall(() =>
        {
            encryptor.Encrypt(iv, packet);
            integrity.Compute(packet, trailer, icv);
        }));
        Assert.Equal(0, PerCall(() =>
        {
            integrity.Verify(packet, trailer, icv);
            encryptor.Decrypt(iv, packet);
        }));
    }

    [Fact]
    public void Registration_makes_the_algorithms_create_libcrypto_instances()
    {
        try
        {
            Assert.True(LibCryptoSymmetricProvider.TryRegister());
            using var cipher = CipherAlgorithms.AesCbc128.Create(new byte[16]);
            using var integrity = IntegrityAlgorithms.HmacSha1Icv96.Create(new byte[20]);
            using var md5 = IntegrityAlgorithms.HmacMd5Icv96.Create(new byte[16]);
            Assert.IsType<LibCryptoAesCbc>(cipher);
            Assert.IsType<LibCryptoHmac>(integrity);
            Assert.IsNotType<LibCryptoHmac>(md5);
        }
        finally
        {
            CipherAlgorithms.UseProvider(null);
            IntegrityAlgorithms.UseProvider(null);
        }

        using var managed = CipherAlgorithms.AesCbc128.Create(new byte[16]);
        Assert.IsNotType<LibCryptoAesCbc>(managed);
    }

    private static long PerCall(Action operation, int calls = 5000)
    {
        for (var i = 0; i < 20; i++)
        {
            operation();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            operation();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static byte[] Repeat(byte value, int count)
    {
        var bytes = new byte[count];
        Array.Fill(bytes, value);
        return bytes;
    }
}
