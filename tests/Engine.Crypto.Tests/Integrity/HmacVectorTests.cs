using System;
using System.Security.Cryptography;
using Engine.Crypto.Integrity;
using Engine.Crypto.Prf;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.Integrity;

/// <summary>
/// HMAC against RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-256/384/512, case 5 truncated to 128
/// bits), through the integrity implementation (truncated to the expected length) and, where
/// the value is full length, through the IKEv1 PRF.
/// </summary>
public class HmacVectorTests
{
    private const string LargeKeyData = "Test Using Larger Than Block-Size Key - Hash Key First";
    private const string LargeKeyLargeData1 = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";
    private const string LargeKeyLargeData2 =
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";

    public static TheoryData<string, string, byte[], byte[], string> Vectors => new()
    {
        { "RFC 2202 MD5 1", "MD5", Hex.Repeat(0x0b, 16), Hex.Ascii("Hi There"), "9294727a3638bb1c13f48ef8158bfc9d" },
        { "RFC 2202 MD5 2", "MD5", Hex.Ascii("Jefe"), Hex.Ascii("what do ya want for nothing?"), "750c783e6ab0b503eaa86e310a5db738" },
        { "RFC 2202 MD5 3", "MD5", Hex.Repeat(0xaa, 16), Hex.Repeat(0xdd, 50), "56be34521d144c88dbb8c733f0e8b3f6" },
        { "RFC 2202 MD5 4", "MD5", Hex.Bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), Hex.Repeat(0xcd, 50), "697eaf0aca3a3aea3a75164746ffaa79" },
        { "RFC 2202 MD5 5", "MD5", Hex.Repeat(0x0c, 16), Hex.Ascii("Test With Truncation"), "56461ef2342edc00f9bab995690efd4c" },
        { "RFC 2202 MD5 5 (96)", "MD5", Hex.Repeat(0x0c, 16), Hex.Ascii("Test With Truncation"), "56461ef2342edc00f9bab995" },
        { "RFC 2202 MD5 6", "MD5", Hex.Repeat(0xaa, 80), Hex.Ascii(LargeKeyData), "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd" },
        { "RFC 2202 MD5 7", "MD5", Hex.Repeat(0xaa, 80), Hex.Ascii(LargeKeyLargeData1), "6f630fad67cda0ee1fb1f562db3aa53e" },
        { "RFC 2202 SHA1 1", "SHA1", Hex.Repeat(0x0b, 20), Hex.Ascii("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00" },
        { "RFC 2202 SHA1 2", "SHA1", Hex.Ascii("Jefe"), Hex.Ascii("what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
        { "RFC 2202 SHA1 3", "SHA1", Hex.Repeat(0xaa, 20), Hex.Repeat(0xdd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
        { "RFC 2202 SHA1 4", "SHA1", Hex.Bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), Hex.Repeat(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
        { "RFC 2202 SHA1 5", "SHA1", Hex.Repeat(0x0c, 20), Hex.Ascii("Test With Truncation"), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04" },
        { "RFC 2202 SHA1 5 (96)", "SHA1", Hex.Repeat(0x0c, 20), Hex.Ascii("Test With Truncation"), "4c1a03424b55e07fe7f27be1" },
        { "RFC 2202 SHA1 6", "SHA1", Hex.Repeat(0xaa, 80), Hex.Ascii(LargeKeyData), "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
        { "RFC 2202 SHA1 7", "SHA1", Hex.Repeat(0xaa, 80), Hex.Ascii(LargeKeyLargeData1), "e8e99d0f45237d786d6bbaa7965c7808bbff1a91" },
        { "RFC 4231 1 SHA-256", "SHA256", Hex.Repeat(0x0b, 20), Hex.Ascii("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        {
            "RFC 4231 1 SHA-384", "SHA384", Hex.Repeat(0x0b, 20), Hex.Ascii("Hi There"),
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"
        },
        {
            "RFC 4231 1 SHA-512", "SHA512", Hex.Repeat(0x0b, 20), Hex.Ascii("Hi There"),
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"
        },
        { "RFC 4231 2 SHA-256", "SHA256", Hex.Ascii("Jefe"), Hex.Ascii("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        {
            "RFC 4231 2 SHA-384", "SHA384", Hex.Ascii("Jefe"), Hex.Ascii("what do ya want for nothing?"),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"
        },
        {
            "RFC 4231 2 SHA-512", "SHA512", Hex.Ascii("Jefe"), Hex.Ascii("what do ya want for nothing?"),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        },
        { "RFC 4231 3 SHA-256", "SHA256", Hex.Repeat(0xaa, 20), Hex.Repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        {
            "RFC 4231 3 SHA-384", "SHA384", Hex.Repeat(0xaa, 20), Hex.Repeat(0xdd, 50),
            "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27"
        },
        {
            "RFC 4231 3 SHA-512", "SHA512", Hex.Repeat(0xaa, 20), Hex.Repeat(0xdd, 50),
            "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"
        },
        {
            "RFC 4231 4 SHA-256", "SHA256", Hex.Bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), Hex.Repeat(0xcd, 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        },
        {
            "RFC 4231 4 SHA-384", "SHA384", Hex.Bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), Hex.Repeat(0xcd, 50),
            "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb"
        },
        {
            "RFC 4231 4 SHA-512", "SHA512", Hex.Bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), Hex.Repeat(0xcd, 50),
            "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"
        },
        { "RFC 4231 5 SHA-256 (128)", "SHA256", Hex.Repeat(0x0c, 20), Hex.Ascii("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b" },
        { "RFC 4231 5 SHA-384 (128)", "SHA384", Hex.Repeat(0x0c, 20), Hex.Ascii("Test With Truncation"), "3abf34c3503b2a23a46efc619baef897" },
        { "RFC 4231 5 SHA-512 (128)", "SHA512", Hex.Repeat(0x0c, 20), Hex.Ascii("Test With Truncation"), "415fad6271580a531d4179bc891d87a6" },
        { "RFC 4231 6 SHA-256", "SHA256", Hex.Repeat(0xaa, 131), Hex.Ascii(LargeKeyData), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        {
            "RFC 4231 6 SHA-384", "SHA384", Hex.Repeat(0xaa, 131), Hex.Ascii(LargeKeyData),
            "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"
        },
        {
            "RFC 4231 6 SHA-512", "SHA512", Hex.Repeat(0xaa, 131), Hex.Ascii(LargeKeyData),
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"
        },
        { "RFC 4231 7 SHA-256", "SHA256", Hex.Repeat(0xaa, 131), Hex.Ascii(LargeKeyLargeData2), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
        {
            "RFC 4231 7 SHA-384", "SHA384", Hex.Repeat(0xaa, 131), Hex.Ascii(LargeKeyLargeData2),
            "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e"
        },
        {
            "RFC 4231 7 SHA-512", "SHA512", Hex.Repeat(0xaa, 131), Hex.Ascii(LargeKeyLargeData2),
            "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Integrity_computes_and_verifies_the_published_value(string source, string hash, byte[] key, byte[] data, string expected)
    {
        var mac = Hex.Bytes(expected);
        using var integrity = new HmacIntegrity(new HashAlgorithmName(hash), key, mac.Length);
        var icv = new byte[mac.Length];

        integrity.Compute(data, icv);
        Assert.True(mac.AsSpan().SequenceEqual(icv), source);

        // The two-part form (ESN trailer) is the same HMAC over the concatenation.
        var split = data.Length / 3;
        integrity.Compute(data.AsSpan(0, split), data.AsSpan(split), icv);
        Assert.True(mac.AsSpan().SequenceEqual(icv), source);

        Assert.True(integrity.Verify(data, mac), source);
        Assert.True(integrity.Verify(data.AsSpan(0, split), data.AsSpan(split), mac), source);
        mac[^1] ^= 0x80;
        Assert.False(integrity.Verify(data, mac), source);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Ikev1_prf_of_the_negotiated_hash_gives_the_full_value(string source, string hash, byte[] key, byte[] data, string expected)
    {
        var id = hash switch
        {
            "MD5" => Ikev1HashAlgorithm.Md5,
            "SHA1" => Ikev1HashAlgorithm.Sha1,
            "SHA256" => Ikev1HashAlgorithm.Sha256,
            "SHA384" => Ikev1HashAlgorithm.Sha384,
            _ => Ikev1HashAlgorithm.Sha512,
        };
        Assert.True(Ikev1Algorithms.TryGetPrf(id, out var prf));

        var output = prf.Compute(key, data);

        // Truncated vectors give only a prefix of the full value.
        Assert.True(output.AsSpan().StartsWith(Hex.Bytes(expected)), source);
        Assert.Equal(IncrementalHash.CreateHash(new HashAlgorithmName(hash)).HashLengthInBytes, prf.OutputSize);
    }
}
