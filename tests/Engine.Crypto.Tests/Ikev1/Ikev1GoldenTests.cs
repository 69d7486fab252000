using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Engine.Crypto.Ikev1;
using Engine.Crypto.Prf;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.Ikev1;

/// <summary>
/// Every IKEv1 derivation against vectors/ikev1-golden.json, which vectors/ikev1_golden.py
/// computes with Python's hashlib/hmac from RFC 2409's formulas, for MD5, SHA-1 and SHA-2.
/// </summary>
public class Ikev1GoldenTests
{
    public static TheoryData<string> Hashes => new(GoldenFile.Cases("ikev1-golden.json").Select(c => c.GetProperty("hash").GetString()!));

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Skeyid_for_each_authentication_method(string hash)
    {
        var (prf, hashName, i, o, _) = Load(hash);

        Assert.Equal(o.Bytes("skeyidPsk"), Ikev1Skeyid.ForPreSharedKey(prf, i.Bytes("psk"), i.Bytes("ni"), i.Bytes("nr")));
        Assert.Equal(o.Bytes("skeyidSignature"), Ikev1Skeyid.ForSignatures(prf, i.Bytes("ni"), i.Bytes("nr"), i.Bytes("gxy")));
        Assert.Equal(
            o.Bytes("skeyidPublicKeyEncryption"),
            Ikev1Skeyid.ForPublicKeyEncryption(prf, hashName, i.Bytes("ni"), i.Bytes("nr"), i.Bytes("ckyI"), i.Bytes("ckyR")));
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Phase1_keys_with_appendix_b_expansion(string hash)
    {
        var (prf, _, i, o, _) = Load(hash);

        foreach (var size in new[] { 16, 24, 32 })
        {
            var keys = Ikev1KeyDerivation.DerivePhase1(prf, o.Bytes("skeyidPsk"), i.Bytes("gxy"), i.Bytes("ckyI"), i.Bytes("ckyR"), size);

            Assert.Equal(o.Bytes("skeyidD"), keys.SkeyidD);
            Assert.Equal(o.Bytes("skeyidA"), keys.SkeyidA);
            Assert.Equal(o.Bytes("skeyidE"), keys.SkeyidE);
            Assert.Equal(o.Bytes($"encryptionKey{size}"), keys.EncryptionKey);
        }
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Phase1_and_exchange_ivs(string hash)
    {
        var (_, hashName, i, o, golden) = Load(hash);

        Assert.Equal(o.Bytes("phase1Iv16"), Ikev1Iv.Phase1(hashName, i.Bytes("gxi"), i.Bytes("gxr"), 16));
        Assert.Equal(o.Bytes("phase1Iv8"), Ikev1Iv.Phase1(hashName, i.Bytes("gxi"), i.Bytes("gxr"), 8));
        Assert.Equal(o.Bytes("exchangeIv16"), Ikev1Iv.ForExchange(hashName, i.Bytes("lastPhase1Block"), MessageId(golden), 16));
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Main_mode_hash_i_and_hash_r(string hash)
    {
        var (prf, _, i, o, _) = Load(hash);
        var skeyid = o.Bytes("skeyidPsk");

        Assert.Equal(
            o.Bytes("hashI"),
            Ikev1Hashes.MainModeInitiator(prf, skeyid, i.Bytes("gxi"), i.Bytes("gxr"), i.Bytes("ckyI"), i.Bytes("ckyR"), i.Bytes("saiB"), i.Bytes("idiiB")));
        Assert.Equal(
            o.Bytes("hashR"),
            Ikev1Hashes.MainModeResponder(prf, skeyid, i.Bytes("gxi"), i.Bytes("gxr"), i.Bytes("ckyI"), i.Bytes("ckyR"), i.Bytes("saiB"), i.Bytes("idirB")));
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Quick_mode_and_informational_hashes(string hash)
    {
        var (prf, _, i, o, golden) = Load(hash);
        var skeyidA = o.Bytes("skeyidA");
        var messageId = MessageId(golden);

        Assert.Equal(o.Bytes("qmHash1"), Ikev1Hashes.QuickModeHash1(prf, skeyidA, messageId, i.Bytes("qmPayloadsAfterHash1")));
        Assert.Equal(o.Bytes("qmHash2"), Ikev1Hashes.QuickModeHash2(prf, skeyidA, messageId, i.Bytes("ni"), i.Bytes("qmPayloadsAfterHash2")));
        Assert.Equal(o.Bytes("qmHash3"), Ikev1Hashes.QuickModeHash3(prf, skeyidA, messageId, i.Bytes("ni"), i.Bytes("nr")));
        Assert.Equal(o.Bytes("informationalHash"), Ikev1Hashes.Informational(prf, skeyidA, messageId, i.Bytes("informationalPayloads")));
    }

    [Theory]
    [MemberData(nameof(Hashes))]
    public void Quick_mode_keymat_with_and_without_pfs(string hash)
    {
        var (prf, _, i, o, golden) = Load(hash);
        var protocol = (byte)golden.GetProperty("protocol").GetInt32();
        var spi = golden.GetProperty("spi").GetUInt32();

        // 100 bytes: several PRF blocks for every hash, and not a multiple of any output size.
        Assert.Equal(
            o.Bytes("keymat"),
            Ikev1KeyDerivation.QuickModeKeyMaterial(prf, o.Bytes("skeyidD"), [], protocol, spi, i.Bytes("ni"), i.Bytes("nr"), 100));
        Assert.Equal(
            o.Bytes("keymatPfs"),
            Ikev1KeyDerivation.QuickModeKeyMaterial(prf, o.Bytes("skeyidD"), i.Bytes("qmGxy"), protocol, spi, i.Bytes("ni"), i.Bytes("nr"), 100));
    }

    private static uint MessageId(JsonElement golden) => golden.GetProperty("messageId").GetUInt32();

    private static (IPrf Prf, HashAlgorithmName Hash, JsonElement Inputs, JsonElement Outputs, JsonElement Golden) Load(string hash)
    {
        var golden = GoldenFile.Cases("ikev1-golden.json").Single(c => c.GetProperty("hash").GetString() == hash);
        var id = hash switch
        {
            "MD5" => Ikev1HashAlgorithm.Md5,
            "SHA1" => Ikev1HashAlgorithm.Sha1,
            "SHA256" => Ikev1HashAlgorithm.Sha256,
            "SHA384" => Ikev1HashAlgorithm.Sha384,
            _ => Ikev1HashAlgorithm.Sha512,
        };
        Assert.True(Ikev1Algorithms.TryGetPrf(id, out var prf));
        Assert.True(Ikev1Algorithms.TryGetHash(id, out var hashName));
        return (prf, hashName, golden.GetProperty("inputs"), golden.GetProperty("outputs"), golden);
    }
}
