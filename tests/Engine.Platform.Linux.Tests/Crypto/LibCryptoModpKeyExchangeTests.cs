using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;
using Engine.Platform.Linux.Crypto;

namespace Engine.Platform.Linux.Tests.Crypto;

/// <summary>
/// The libcrypto MODP key exchange: RFC parameters, known answers, agreement with Engine.Crypto's
/// managed implementation in both directions, refusal of unsafe peer values, and native memory
/// freed on Dispose.
/// </summary>
[Collection(LibCryptoCollection.Name)]
public sealed class LibCryptoModpKeyExchangeTests
{
    /// <summary>RFC 3526 section 3, the 2048-bit MODP group's prime, as the RFC prints it.</summary>
    private const string Rfc3526Prime2048 =
        "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1" +
        "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD" +
        "EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245" +
        "E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED" +
        "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D" +
        "C2007CB8 A163BF05 98DA4836 1C55D39A 69163FA8 FD24CF5F" +
        "83655D23 DCA3AD96 1C62F356 208552BB 9ED52907 7096966D" +
        "670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B" +
        "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9" +
        "DE2BCBF6 95581718 3995497C EA956AE5 15D22618 98FA0510" +
        "15728E5A 8AACAA68 FFFFFFFF FFFFFFFF";

    public static TheoryData<DiffieHellmanGroup, int, int> Groups => new()
    {
        { DiffieHellmanGroup.Modp768, 96, 256 },
        { DiffieHellmanGroup.Modp1024, 128, 256 },
        { DiffieHellmanGroup.Modp1536, 192, 256 },
        { DiffieHellmanGroup.Modp2048, 256, 320 },
        { DiffieHellmanGroup.Modp3072, 384, 420 },
        { DiffieHellmanGroup.Modp4096, 512, 480 },
    };

    public static TheoryData<int> GoldenCases => new(Enumerable.Range(0, Golden().Count));

    [Theory]
    [MemberData(nameof(Groups))]
    public void Engine_crypto_primes_are_openssl_builtin_rfc_primes(DiffieHellmanGroup group, int size, int exponentBits)
    {
        Assert.True(ModpParameters.TryGet(group, out var parameters));

        Assert.Equal(size, parameters.Size);
        Assert.Equal(2, parameters.Generator);
        Assert.Equal(exponentBits, parameters.PrivateExponentBits);
        Assert.Equal(LibCryptoModpGroup.BuiltInPrime(group, size), parameters.Prime.ToArray());
    }

    [Fact]
    public void Group_14_prime_is_the_one_printed_in_rfc_3526()
    {
        Assert.True(ModpParameters.TryGet(DiffieHellmanGroup.Modp2048, out var parameters));

        Assert.Equal(Convert.FromHexString(Rfc3526Prime2048.Replace(" ", string.Empty)), parameters.Prime.ToArray());
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Reaches_the_golden_public_values_and_secret(int index)
    {
        // Engine.Crypto.Tests/vectors/modp-golden.json: primes rebuilt from the RFC 2409/3526
        // formula with mpmath's pi (vectors/modp_golden.py), including values with a leading zero byte.
        var golden = Golden()[index];
        var group = Group((DiffieHellmanGroup)golden.GetProperty("group").GetInt32());
        using var initiator = new LibCryptoModpKeyExchange(group, Exponent(golden, "x"));
        using var responder = new LibCryptoModpKeyExchange(group, Exponent(golden, "y"));

        Assert.Equal(Bytes(golden, "gx"), initiator.PublicValue.ToArray());
        Assert.Equal(Bytes(golden, "gy"), responder.PublicValue.ToArray());
        Assert.True(initiator.TryDeriveSharedSecret(responder.PublicValue, out var initiatorSecret));
        Assert.True(responder.TryDeriveSharedSecret(initiator.PublicValue, out var responderSecret));
        Assert.Equal(Bytes(golden, "gxy"), initiatorSecret);
        Assert.Equal(Bytes(golden, "gxy"), responderSecret);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Agrees_with_the_managed_implementation_both_ways(DiffieHellmanGroup group, int size, int exponentBits)
    {
        KeyExchanges.UseModpProvider(null);
        Assert.True(KeyExchanges.TryCreate(group, out var managed));
        using (managed)
        using (var native = new LibCryptoModpKeyExchange(Group(group)))
        {
            Assert.DoesNotContain("LibCrypto", managed.GetType().Name, StringComparison.Ordinal);
            Assert.Equal(group, native.Group);
            Assert.Equal(size, native.PublicValue.Length);
            Assert.Equal(size, native.PublicValueSize);
            Assert.Equal(size, native.SharedSecretSize);
            Assert.Equal(exponentBits, native.PrivateExponentBitLength);

            Assert.True(native.TryDeriveSharedSecret(managed.PublicValue, out var nativeSecret));
            Assert.True(managed.TryDeriveSharedSecret(native.PublicValue, out var managedSecret));
            Assert.Equal(managedSecret, nativeSecret);
            Assert.Equal(size, nativeSecret.Length);
        }
    }

    [Fact]
    public void Fresh_key_pairs_differ()
    {
        var group = Group(DiffieHellmanGroup.Modp1024);
        using var a = new LibCryptoModpKeyExchange(group);
        using var b = new LibCryptoModpKeyExchange(group);

        Assert.False(a.PublicValue.SequenceEqual(b.PublicValue));
    }

    [Theory]
    [InlineData(DiffieHellmanGroup.Modp1024)]
    [InlineData(DiffieHellmanGroup.Modp2048)]
    public void Refuses_peer_values_outside_one_to_p_minus_one_and_wrong_lengths(DiffieHellmanGroup number)
    {
        var group = Group(number);
        using var exchange = new LibCryptoModpKeyExchange(group);
        var size = group.Size;
        var prime = group.Parameters.Prime.ToArray();
        var primeMinusOne = (byte[])prime.Clone();
        primeMinusOne[^1]--; // p ends in 0xFF..., so no borrow
        var zero = new byte[size];
        var one = new byte[size];
        one[^1] = 1;
        var two = new byte[size];
        two[^1] = 2;

        Assert.False(exchange.TryDeriveSharedSecret(zero, out _));
        Assert.False(exchange.TryDeriveSharedSecret(one, out _));
        Assert.False(exchange.TryDeriveSharedSecret(primeMinusOne, out _));
        Assert.False(exchange.TryDeriveSharedSecret(prime, out _));
        Assert.False(exchange.TryDeriveSharedSecret(Enumerable.Repeat((byte)0xFF, size).ToArray(), out _));
        Assert.False(exchange.TryDeriveSharedSecret(exchange.PublicValue[1..], out _));
        Assert.False(exchange.TryDeriveSharedSecret([.. exchange.PublicValue, 0], out _));
        Assert.False(exchange.TryDeriveSharedSecret([0, .. exchange.PublicValue], out _));
        Assert.False(exchange.TryDeriveSharedSecret([], out _));
        Assert.True(exchange.TryDeriveSharedSecret(two, out _));
    }

    [Fact]
    public void Dispose_frees_every_native_object()
    {
        // The group's shared objects (p, p-1, g, 1, Montgomery constants) are made once and kept;
        // make them before counting.
        var group = Group(DiffieHellmanGroup.Modp1536);
        using (new LibCryptoModpKeyExchange(group))
        {
        }

        var before = LibCryptoAllocations.Live;
        var exchanges = new List<LibCryptoModpKeyExchange>();
        for (var i = 0; i < 50; i++)
        {
            var a = new LibCryptoModpKeyExchange(group);
            var b = new LibCryptoModpKeyExchange(group);
            Assert.True(a.TryDeriveSharedSecret(b.PublicValue, out _));
            Assert.False(b.TryDeriveSharedSecret(new byte[group.Size], out _));
            exchanges.Add(a);
            exchanges.Add(b);
        }

        Assert.Equal(before + (2 * exchanges.Count), LibCryptoAllocations.Live);
        foreach (var exchange in exchanges)
        {
            exchange.Dispose();
            exchange.Dispose();
            Assert.True(exchange.IsFreed);
        }

        Assert.Equal(before, LibCryptoAllocations.Live);
        Assert.Throws<ObjectDisposedException>(() => exchanges[0].TryDeriveSharedSecret(exchanges[1].PublicValue, out _));
    }

    [Fact]
    public void Provider_passes_its_self_test_and_serves_the_registry_until_withdrawn()
    {
        var provider = LibCryptoModpProvider.TryCreate(out var failure);
        Assert.Null(failure);
        Assert.NotNull(provider);
        Assert.StartsWith("OpenSSL libcrypto (OpenSSL 3.", provider.Name, StringComparison.Ordinal);

        try
        {
            Assert.True(LibCryptoModpProvider.TryRegister());
            Assert.StartsWith("OpenSSL libcrypto", KeyExchanges.ModpImplementation, StringComparison.Ordinal);
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Modp2048, out var modp));
            Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Ecp256, out var ecp));
            using (modp)
            using (ecp)
            {
                Assert.IsType<LibCryptoModpKeyExchange>(modp);
                Assert.IsNotType<LibCryptoModpKeyExchange>(ecp);
            }
        }
        finally
        {
            KeyExchanges.UseModpProvider(null);
        }

        Assert.Equal(KeyExchanges.ManagedModpName, KeyExchanges.ModpImplementation);
        Assert.True(KeyExchanges.TryCreate(DiffieHellmanGroup.Modp2048, out var managed));
        using (managed)
        {
            Assert.IsNotType<LibCryptoModpKeyExchange>(managed);
        }
    }

    private static LibCryptoModpGroup Group(DiffieHellmanGroup group) =>
        ModpParameters.TryGet(group, out var parameters) ? LibCryptoModpGroup.For(parameters) : throw new ArgumentOutOfRangeException(nameof(group));

    private static IReadOnlyList<JsonElement> Golden()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "modp-golden.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    /// <summary>The exponents are hex integers, some with an odd number of digits.</summary>
    private static byte[] Exponent(JsonElement golden, string name)
    {
        var hex = golden.GetProperty(name).GetString()!;
        return Convert.FromHexString(hex.Length % 2 == 0 ? hex : "0" + hex);
    }

    private static byte[] Bytes(JsonElement golden, string name) => Convert.FromHexString(golden.GetProperty(name).GetString()!);
}
