using System;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;

namespace Engine.Crypto.Tests.KeyExchange;

/// <summary>Every registered group, with fresh random keys, agrees on one secret of the documented size.</summary>
public class KeyExchangeRoundTripTests
{
    public static TheoryData<DiffieHellmanGroup, int, int> Groups => new()
    {
        { DiffieHellmanGroup.Modp768, 96, 96 },
        { DiffieHellmanGroup.Modp1024, 128, 128 },
        { DiffieHellmanGroup.Modp1536, 192, 192 },
        { DiffieHellmanGroup.Modp2048, 256, 256 },
        { DiffieHellmanGroup.Modp3072, 384, 384 },
        { DiffieHellmanGroup.Modp4096, 512, 512 },
        { DiffieHellmanGroup.Ecp256, 64, 32 },
        { DiffieHellmanGroup.Ecp384, 96, 48 },
        { DiffieHellmanGroup.Ecp521, 132, 66 },
        { DiffieHellmanGroup.Curve25519, 32, 32 },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Initiator_and_responder_agree(DiffieHellmanGroup group, int publicSize, int secretSize)
    {
        Assert.True(KeyExchanges.IsSupported(group));
        Assert.True(KeyExchanges.TryCreate(group, out var initiator));
        Assert.True(KeyExchanges.TryCreate(group, out var responder));
        using (initiator)
        using (responder)
        {
            Assert.Equal(group, initiator.Group);
            Assert.Equal(publicSize, initiator.PublicValueSize);
            Assert.Equal(publicSize, initiator.PublicValue.Length);
            Assert.True(initiator.TryDeriveSharedSecret(responder.PublicValue, out var a));
            Assert.True(responder.TryDeriveSharedSecret(initiator.PublicValue, out var b));
            Assert.Equal(a, b);
            Assert.Equal(secretSize, a.Length);
            Assert.Equal(secretSize, initiator.SharedSecretSize);
            Assert.False(initiator.PublicValue.SequenceEqual(responder.PublicValue));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(22)]
    [InlineData(0)]
    public void Unimplemented_group_numbers_are_refused(int number)
    {
        Assert.False(KeyExchanges.IsSupported((DiffieHellmanGroup)number));
        Assert.False(KeyExchanges.TryCreate((DiffieHellmanGroup)number, out _));
    }
}
