using System;
using Engine.Crypto.KeyExchange;

namespace Engine.Crypto.Tests.KeyExchange;

/// <summary>X25519 against RFC 7748 (sections 5.2 and 6.1) and RFC 8031's IKE example.</summary>
public class Curve25519VectorTests
{
    public static TheoryData<string, string, string, string, string, string> KeyPairs => new()
    {
        {
            "RFC 7748 6.1",
            "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
        },
        {
            "RFC 8031 appendix A",
            "751fb4308655b476b6789b7325f9ea8cddd16a58533ff6d9e60009464a5f9d94",
            "48d5ddd4061257ba166fa3f9bbdb74f1a4e81c089384fa77f790709f0dfbc766",
            "0a54645253290d60ddadd0e030bacd9e5501efdc220755a1e978f1b839a05688",
            "0be7c1f5aad87d7e448662673298a443478b859745179eaf564c79c0ef6eee25",
            "c74950607a12327f3204d94b6825bfb068b7f8319a9e3708ed3d43ce8130c950"
        },
    };

    [Theory]
    [MemberData(nameof(KeyPairs))]
    public void Both_sides_reach_the_published_secret(string source, string a, string aPublic, string b, string bPublic, string shared)
    {
        using var alice = new Curve25519KeyExchange(Hex.Bytes(a));
        using var bob = new Curve25519KeyExchange(Hex.Bytes(b));

        Assert.True(Hex.Bytes(aPublic).AsSpan().SequenceEqual(alice.PublicValue), source);
        Assert.True(Hex.Bytes(bPublic).AsSpan().SequenceEqual(bob.PublicValue), source);
        Assert.True(alice.TryDeriveSharedSecret(bob.PublicValue, out var aliceSecret), source);
        Assert.True(bob.TryDeriveSharedSecret(alice.PublicValue, out var bobSecret), source);
        Assert.Equal(Hex.Bytes(shared), aliceSecret);
        Assert.Equal(Hex.Bytes(shared), bobSecret);
    }

    [Theory]
    [InlineData("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [InlineData("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d", "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493", "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    public void Matches_the_rfc_7748_scalar_multiplication_vectors(string scalar, string u, string output)
    {
        using var exchange = new Curve25519KeyExchange(Hex.Bytes(scalar));

        Assert.True(exchange.TryDeriveSharedSecret(Hex.Bytes(u), out var secret));
        Assert.Equal(Hex.Bytes(output), secret);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    public void Refuses_small_order_points_whose_secret_is_all_zero(string u)
    {
        using var exchange = new Curve25519KeyExchange(Hex.Bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));

        Assert.False(exchange.TryDeriveSharedSecret(Hex.Bytes(u), out _));
        Assert.False(exchange.TryDeriveSharedSecret(new byte[31], out _));
    }
}
