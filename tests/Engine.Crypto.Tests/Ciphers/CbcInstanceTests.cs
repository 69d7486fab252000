using System;
using System.Security.Cryptography;
using Engine.Crypto.Ciphers;

namespace Engine.Crypto.Tests.Ciphers;

/// <summary>
/// One keyed instance serves a whole SA: each call starts from its own IV, whatever came before,
/// across the internal chunking, without allocating.
/// </summary>
public class CbcInstanceTests
{
    public static TheoryData<string> Algorithms => new() { "AES-CBC-128", "AES-CBC-256", "3DES-CBC", "DES-CBC" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_call_is_independent_of_the_previous_ones(string name)
    {
        var algorithm = ByName(name);
        var key = RandomNumberGenerator.GetBytes(algorithm.KeySize);
        using var cipher = algorithm.Create(key);
        using var reference = Reference(name, key);

        // Lengths straddle the 2048-byte chunk the implementation feeds OpenSSL.
        foreach (var length in new[] { 0, 16, 64, 1408, 2048, 2064, 9008 })
        {
            var iv = RandomNumberGenerator.GetBytes(algorithm.IvSize);
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var data = (byte[])plaintext.Clone();

            cipher.Encrypt(iv, data);
            Assert.Equal(reference.EncryptCbc(plaintext, iv, PaddingMode.None), data);

            cipher.Decrypt(iv, data);
            Assert.Equal(plaintext, data);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Decrypts_packets_in_any_order(string name)
    {
        var algorithm = ByName(name);
        var key = RandomNumberGenerator.GetBytes(algorithm.KeySize);
        using var sender = algorithm.Create(key);
        using var receiver = algorithm.Create(key);
        var packets = new (byte[] Iv, byte[] Plaintext, byte[] Ciphertext)[5];
        for (var i = 0; i < packets.Length; i++)
        {
            var iv = RandomNumberGenerator.GetBytes(algorithm.IvSize);
            var plaintext = RandomNumberGenerator.GetBytes(64 * (i + 1));
            var ciphertext = (byte[])plaintext.Clone();
            sender.Encrypt(iv, ciphertext);
            packets[i] = (iv, plaintext, ciphertext);
        }

        foreach (var index in new[] { 3, 0, 4, 1, 2 })
        {
            var data = (byte[])packets[index].Ciphertext.Clone();
            receiver.Decrypt(packets[index].Iv, data);
            Assert.Equal(packets[index].Plaintext, data);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Allocates_nothing_per_packet(string name)
    {
        var algorithm = ByName(name);
        using var cipher = algorithm.Create(RandomNumberGenerator.GetBytes(algorithm.KeySize));
        var iv = new byte[algorithm.IvSize];
        var data = new byte[1408];

        Assert.Equal(0, Allocations.PerCall(() => cipher.Encrypt(iv, data)));
        Assert.Equal(0, Allocations.PerCall(() => cipher.Decrypt(iv, data)));
    }

    [Fact]
    public void Refuses_partial_blocks_and_wrong_iv_lengths()
    {
        using var cipher = CipherAlgorithms.AesCbc128.Create(new byte[16]);

        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[16], new byte[15]));
        Assert.Throws<ArgumentException>(() => cipher.Decrypt(new byte[8], new byte[16]));
        Assert.Throws<ArgumentException>(() => CipherAlgorithms.AesCbc256.Create(new byte[16]));
    }

    [Fact]
    public void A_weak_DES_key_is_refused_when_keyed_not_on_the_first_packet()
    {
        // The transforms are created on each direction's first call; DES's weak-key check must
        // still refuse the key at Create (FIPS 74 section 3.6 lists 0101010101010101 as weak).
        Assert.ThrowsAny<CryptographicException>(() => CipherAlgorithms.DesCbc.Create(Hex.Bytes("0101010101010101")));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Each_direction_keyed_on_its_first_use_matches_the_reference(string name)
    {
        // An inbound ESP SA only decrypts, an outbound one only encrypts: either may come first.
        var algorithm = ByName(name);
        var key = RandomNumberGenerator.GetBytes(algorithm.KeySize);
        using var cipher = algorithm.Create(key);
        using var reference = Reference(name, key);
        var iv = RandomNumberGenerator.GetBytes(algorithm.IvSize);
        var plaintext = RandomNumberGenerator.GetBytes(algorithm.BlockSize * 4);
        var ciphertext = reference.EncryptCbc(plaintext, iv, PaddingMode.None);

        var data = (byte[])ciphertext.Clone();
        cipher.Decrypt(iv, data);
        Assert.Equal(plaintext, data);

        cipher.Encrypt(iv, data);
        Assert.Equal(ciphertext, data);
    }

    [Fact]
    public void Null_encryption_leaves_data_alone()
    {
        using var cipher = CipherAlgorithms.Null.Create(ReadOnlySpan<byte>.Empty);
        var data = Hex.Bytes("0001020304");

        cipher.Encrypt(ReadOnlySpan<byte>.Empty, data);
        cipher.Decrypt(ReadOnlySpan<byte>.Empty, data);

        Assert.Equal(Hex.Bytes("0001020304"), data);
        Assert.Equal(1, cipher.BlockSize);
        Assert.Equal(0, cipher.IvSize);
        Assert.Throws<ArgumentException>(() => cipher.Encrypt(new byte[1], data));
    }

    private static CipherAlgorithm ByName(string name) => name switch
    {
        "AES-CBC-128" => CipherAlgorithms.AesCbc128,
        "AES-CBC-256" => CipherAlgorithms.AesCbc256,
        "3DES-CBC" => CipherAlgorithms.TripleDesCbc,
        _ => CipherAlgorithms.DesCbc,
    };

    private static SymmetricAlgorithm Reference(string name, byte[] key)
    {
        SymmetricAlgorithm algorithm = name switch
        {
            "3DES-CBC" => TripleDES.Create(),
            "DES-CBC" => DES.Create(),
            _ => Aes.Create(),
        };
        algorithm.Key = key;
        return algorithm;
    }
}
