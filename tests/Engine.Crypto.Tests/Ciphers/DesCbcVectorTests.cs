using System;
using Engine.Crypto.Ciphers;

namespace Engine.Crypto.Tests.Ciphers;

/// <summary>3DES-CBC and DES-CBC against published vectors.</summary>
public class DesCbcVectorTests
{
    public static TheoryData<string, string, string, string, string> TripleDesVectors => new()
    {
        // NIST CAVP TDES multi-block message test (TCBCMMT3), as strongSwan's test_vectors/3des_cbc.c carries them.
        { "NIST TDES MMT example 1", "627f460e08104a1043cd265d5840eaf1313edf97df2a8a8c", "8e29f75ea77e5475", "326a494cd33fe756", "b22b8d66de970692" },
        {
            "NIST TDES MMT example 2", "37ae5ebf46dff2dc0754b94f31cbb3855e7fd36dc870bfae", "3d1de3cc132e3b65",
            "84401f78fe6c10876d8ea23094ea5309", "7b1f7c7e3b1c948ebd04a75ffba7d2f5"
        },
    };

    public static TheoryData<string, string, string, string, string> DesVectors => new()
    {
        // FIPS 81 appendix C, table C1: "Now is the time for all " in CBC mode.
        {
            "FIPS 81 table C1", "0123456789abcdef", "1234567890abcdef", Hex.String(Hex.Ascii("Now is the time for all ")),
            "e5c7cdde872bf27c 43e934008c389c0f 683788499a7c05f6"
        },
        // NESSIE DES set 8 vector 1 (one block, zero IV), as strongSwan's test_vectors/des.c carries it.
        { "NESSIE DES set 8 vector 1", "2bd6459f82c5b300", "0000000000000000", "b10f843097a0f932", "ea024714ad5c4d84" },
    };

    [Theory]
    [MemberData(nameof(TripleDesVectors))]
    public void Triple_des_matches_the_published_vector(string source, string key, string iv, string plaintext, string ciphertext) =>
        Check(CipherAlgorithms.TripleDesCbc, source, key, iv, plaintext, ciphertext);

    [Theory]
    [MemberData(nameof(DesVectors))]
    public void Des_matches_the_published_vector(string source, string key, string iv, string plaintext, string ciphertext) =>
        Check(CipherAlgorithms.DesCbc, source, key, iv, plaintext, ciphertext);

    private static void Check(CipherAlgorithm algorithm, string source, string key, string iv, string plaintext, string ciphertext)
    {
        using var cipher = algorithm.Create(Hex.Bytes(key));
        var data = Hex.Bytes(plaintext);

        cipher.Encrypt(Hex.Bytes(iv), data);
        Assert.True(Hex.Bytes(ciphertext).AsSpan().SequenceEqual(data), source);

        cipher.Decrypt(Hex.Bytes(iv), data);
        Assert.Equal(Hex.Bytes(plaintext), data);
    }
}
