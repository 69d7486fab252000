using System;
using System.Linq;
using System.Text.Json;
using Engine.Crypto.KeyExchange;
using Org.BouncyCastle.Math;

namespace Engine.Crypto.Tests.KeyExchange;

/// <summary>
/// MODP against vectors/modp-golden.json, whose primes Python rebuilds from the RFC 2409/3526
/// formula with mpmath's pi (see vectors/modp_golden.py), including cases whose public value or
/// g^xy begins with a zero byte (padding to the modulus length).
/// </summary>
public class ModpGoldenTests
{
    public static TheoryData<int> Cases => new(Enumerable.Range(0, GoldenFile.Cases("modp-golden.json").Count));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reaches_the_golden_public_values_and_secret(int index)
    {
        var golden = GoldenFile.Cases("modp-golden.json")[index];
        var group = Group(golden);
        using var initiator = new ModpKeyExchange(group, new BigInteger(golden.GetProperty("x").GetString(), 16));
        using var responder = new ModpKeyExchange(group, new BigInteger(golden.GetProperty("y").GetString(), 16));

        Assert.True(golden.Bytes("gx").AsSpan().SequenceEqual(initiator.PublicValue));
        Assert.True(golden.Bytes("gy").AsSpan().SequenceEqual(responder.PublicValue));
        Assert.True(initiator.TryDeriveSharedSecret(responder.PublicValue, out var initiatorSecret));
        Assert.True(responder.TryDeriveSharedSecret(initiator.PublicValue, out var responderSecret));
        Assert.Equal(golden.Bytes("gxy"), initiatorSecret);
        Assert.Equal(golden.Bytes("gxy"), responderSecret);
    }

    [Fact]
    public void Refuses_values_outside_one_to_p_minus_one_and_wrong_lengths()
    {
        var group = ModpGroup.Modp1024;
        using var exchange = new ModpKeyExchange(group);
        var pMinusOne = group.Prime.Subtract(BigInteger.One);

        Assert.False(exchange.TryDeriveSharedSecret(Padded(BigInteger.Zero, group), out _));
        Assert.False(exchange.TryDeriveSharedSecret(Padded(BigInteger.One, group), out _));
        Assert.False(exchange.TryDeriveSharedSecret(Padded(pMinusOne, group), out _));
        Assert.False(exchange.TryDeriveSharedSecret(Padded(group.Prime, group), out _));
        Assert.False(exchange.TryDeriveSharedSecret(Enumerable.Repeat((byte)0xff, group.Size).ToArray(), out _));
        Assert.False(exchange.TryDeriveSharedSecret(exchange.PublicValue[1..], out _));
        Assert.True(exchange.TryDeriveSharedSecret(Padded(BigInteger.Two, group), out _));
    }

    [Theory]
    [InlineData(DiffieHellmanGroup.Modp2048, 320)]
    [InlineData(DiffieHellmanGroup.Modp4096, 480)]
    public void Draws_private_exponents_of_the_documented_length(DiffieHellmanGroup group, int bits)
    {
        var modp = group == DiffieHellmanGroup.Modp2048 ? ModpGroup.Modp2048 : ModpGroup.Modp4096;

        Assert.Equal(bits, modp.PrivateExponentBits);
    }

    private static ModpGroup Group(JsonElement golden) => golden.GetProperty("group").GetInt32() switch
    {
        1 => ModpGroup.Modp768,
        2 => ModpGroup.Modp1024,
        5 => ModpGroup.Modp1536,
        14 => ModpGroup.Modp2048,
        15 => ModpGroup.Modp3072,
        _ => ModpGroup.Modp4096,
    };

    private static byte[] Padded(BigInteger value, ModpGroup group) =>
        Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(group.Size, value);
}
