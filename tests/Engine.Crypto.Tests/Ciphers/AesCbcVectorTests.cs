using System;
using Engine.Crypto.Ciphers;

namespace Engine.Crypto.Tests.Ciphers;

/// <summary>AES-CBC against RFC 3602 section 4 (cases 1-4) and NIST SP 800-38A appendix F.2.</summary>
public class AesCbcVectorTests
{
    private const string Sp80038aIv = "000102030405060708090a0b0c0d0e0f";

    private const string Sp80038aPlaintext =
        "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51" +
        "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

    public static TheoryData<string, string, string, byte[], string> Vectors => new()
    {
        {
            "RFC 3602 case 1", "06a9214036b8a15b512e03d534120006", "3dafba429d9eb430b422da802c9fac41",
            Hex.Ascii("Single block msg"), "e353779c1079aeb82708942dbe77181a"
        },
        {
            "RFC 3602 case 2", "c286696d887c9aa0611bbb3e2025a45a", "562e17996d093d28ddb3ba695a2e6f58",
            Hex.Bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
            "d296cd94c2cccf8a3a863028b5e1dc0a 7586602d253cfff91b8266bea6d61ab1"
        },
        {
            "RFC 3602 case 3", "6c3ea0477630ce21a2ce334aa746c2cd", "c782dc4c098c66cbd9cd27d825682c81",
            Hex.Ascii("This is a 48-byte message (exactly 3 AES blocks)"),
            "d0a02b3836451753d493665d33f0e886 2dea54cdb293abc7506939276772f8d5 021c19216bad525c8579695d83ba2684"
        },
        {
            "RFC 3602 case 4", "56e47a38c5598974bc46903dba290349", "8ce82eefbea0da3c44699ed7db51b7d9",
            Hex.Bytes(
                "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf b0b1b2b3b4b5b6b7b8b9babbbcbdbebf" +
                "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf d0d1d2d3d4d5d6d7d8d9dadbdcdddedf"),
            "c30e32ffedc0774e6aff6af0869f71aa 0f3af07a9a31a9c684db207eb0ef8e4e" +
            "35907aa632c3ffdf868bb7b29d3d46ad 83ce9f9a102ee99d49a53e87f4c3da55"
        },
        {
            "SP 800-38A F.2.1 CBC-AES128", "2b7e151628aed2a6abf7158809cf4f3c", Sp80038aIv, Hex.Bytes(Sp80038aPlaintext),
            "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2" +
            "73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7"
        },
        {
            "SP 800-38A F.2.3 CBC-AES192", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", Sp80038aIv, Hex.Bytes(Sp80038aPlaintext),
            "4f021db243bc633d7178183a9fa071e8 b4d9ada9ad7dedf4e5e738763f69145a" +
            "571b242012fb7ae07fa9baac3df102e0 08b0e27988598881d920a9e64f5615cd"
        },
        {
            "SP 800-38A F.2.5 CBC-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", Sp80038aIv, Hex.Bytes(Sp80038aPlaintext),
            "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d" +
            "39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encrypts_and_decrypts_the_published_vector(string source, string key, string iv, byte[] plaintext, string ciphertext)
    {
        var algorithm = Key(key);
        using var cipher = algorithm.Create(Hex.Bytes(key));
        var data = (byte[])plaintext.Clone();

        cipher.Encrypt(Hex.Bytes(iv), data);
        Assert.True(Hex.Bytes(ciphertext).AsSpan().SequenceEqual(data), source);

        cipher.Decrypt(Hex.Bytes(iv), data);
        Assert.Equal(plaintext, data);
    }

    private static CipherAlgorithm Key(string hexKey) => (hexKey.Length / 2) switch
    {
        16 => CipherAlgorithms.AesCbc128,
        24 => CipherAlgorithms.AesCbc192,
        _ => CipherAlgorithms.AesCbc256,
    };
}
