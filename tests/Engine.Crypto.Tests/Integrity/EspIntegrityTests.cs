using System;
using System.Security.Cryptography;
using Engine.Crypto.Integrity;

namespace Engine.Crypto.Tests.Integrity;

/// <summary>
/// The truncated ESP/AH transforms through their descriptors: RFC 4868 section 2.7.2's
/// authenticator vectors (full-size keys, truncated ICVs) and RFC 2202's first cases truncated
/// to 96 bits as RFC 2403/2404 use them.
/// </summary>
public class EspIntegrityTests
{
    public static TheoryData<string, string, byte[], byte[], string> Vectors => new()
    {
        { "RFC 2202 MD5 1, HMAC-MD5-96", "HMAC-MD5-96", Hex.Repeat(0x0b, 16), Hex.Ascii("Hi There"), "9294727a3638bb1c13f48ef8" },
        { "RFC 2202 MD5 3, HMAC-MD5-96", "HMAC-MD5-96", Hex.Repeat(0xaa, 16), Hex.Repeat(0xdd, 50), "56be34521d144c88dbb8c733" },
        { "RFC 2202 SHA1 1, HMAC-SHA1-96", "HMAC-SHA1-96", Hex.Repeat(0x0b, 20), Hex.Ascii("Hi There"), "b617318655057264e28bc0b6" },
        { "RFC 2202 SHA1 3, HMAC-SHA1-96", "HMAC-SHA1-96", Hex.Repeat(0xaa, 20), Hex.Repeat(0xdd, 50), "125d7342b9ac11cd91a39af4" },
        { "RFC 4868 AUTH256-1", "HMAC-SHA-256-128", Hex.Repeat(0x0b, 32), Hex.Ascii("Hi There"), "198a607eb44bfbc69903a0f1cf2bbdc5" },
        { "RFC 4868 AUTH256-2", "HMAC-SHA-256-128", Hex.Ascii("JefeJefeJefeJefeJefeJefeJefeJefe"), Hex.Ascii("what do ya want for nothing?"), "167f928588c5cc2eef8e3093caa0e87c" },
        { "RFC 4868 AUTH256-3", "HMAC-SHA-256-128", Hex.Repeat(0xaa, 32), Hex.Repeat(0xdd, 50), "cdcb1220d1ecccea91e53aba3092f962" },
        { "RFC 4868 AUTH384-1", "HMAC-SHA-384-192", Hex.Repeat(0x0b, 48), Hex.Ascii("Hi There"), "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973" },
        {
            "RFC 4868 AUTH384-2", "HMAC-SHA-384-192", Hex.Ascii("JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe"), Hex.Ascii("what do ya want for nothing?"),
            "2c7353974f1842fd66d53c452ca42122b28c0b594cfb184d"
        },
        { "RFC 4868 AUTH384-3", "HMAC-SHA-384-192", Hex.Repeat(0xaa, 48), Hex.Repeat(0xdd, 50), "809f439be00274321d4a538652164b53554a508184a0c316" },
        {
            "RFC 4868 AUTH512-1", "HMAC-SHA-512-256", Hex.Repeat(0x0b, 64), Hex.Ascii("Hi There"),
            "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"
        },
        {
            "RFC 4868 AUTH512-2", "HMAC-SHA-512-256", Hex.Ascii("JefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefeJefe"),
            Hex.Ascii("what do ya want for nothing?"), "cb370917ae8a7ce28cfd1d8f4705d6141c173b2a9362c15df235dfb251b15454"
        },
        {
            "RFC 4868 AUTH512-3", "HMAC-SHA-512-256", Hex.Repeat(0xaa, 64), Hex.Repeat(0xdd, 50),
            "2ee7acd783624ca9398710f3ee05ae41b9f9b0510c87e49e586cc9bf961733d8"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Descriptor_keys_an_integrity_that_matches_the_vector(string source, string name, byte[] key, byte[] data, string expected)
    {
        var algorithm = ByName(name);
        using var integrity = algorithm.Create(key);
        var icv = new byte[integrity.IcvSize];

        integrity.Compute(data, icv);

        Assert.True(Hex.Bytes(expected).AsSpan().SequenceEqual(icv), source);
        Assert.True(integrity.Verify(data, icv), source);
        Assert.False(integrity.Verify(data, icv.AsSpan(1)), source);
    }

    [Fact]
    public void Compute_and_verify_allocate_nothing()
    {
        using var integrity = IntegrityAlgorithms.HmacSha256Icv128.Create(RandomNumberGenerator.GetBytes(32));
        var packet = new byte[1400];
        var sequenceHigh = new byte[4];
        var icv = new byte[16];

        Assert.Equal(0, Allocations.PerCall(() =>
        {
            integrity.Compute(packet, sequenceHigh, icv);
            integrity.Verify(packet, sequenceHigh, icv);
        }));
    }

    [Fact]
    public void Full_length_variants_do_not_truncate()
    {
        Assert.Equal(20, IntegrityAlgorithms.HmacSha1.IcvSize);
        Assert.Equal(32, IntegrityAlgorithms.HmacSha256.IcvSize);
        Assert.Equal(48, IntegrityAlgorithms.HmacSha384.IcvSize);
        Assert.Equal(64, IntegrityAlgorithms.HmacSha512.IcvSize);
        Assert.Equal(16, IntegrityAlgorithms.HmacMd5.IcvSize);
    }

    private static IntegrityAlgorithm ByName(string name) => name switch
    {
        "HMAC-MD5-96" => IntegrityAlgorithms.HmacMd5Icv96,
        "HMAC-SHA1-96" => IntegrityAlgorithms.HmacSha1Icv96,
        "HMAC-SHA-256-128" => IntegrityAlgorithms.HmacSha256Icv128,
        "HMAC-SHA-384-192" => IntegrityAlgorithms.HmacSha384Icv192,
        _ => IntegrityAlgorithms.HmacSha512Icv256,
    };
}
