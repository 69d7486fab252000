using System;
using Engine.Crypto.Ikev1;

namespace Engine.Crypto.Tests.Ikev1;

/// <summary>The chaining rule: the next IV is the last ciphertext block of the message just sent or received.</summary>
public class Ikev1IvTests
{
    [Fact]
    public void Next_iv_is_the_last_ciphertext_block()
    {
        var body = Hex.Bytes("000102030405060708090a0b0c0d0e0f 101112131415161718191a1b1c1d1e1f");

        Assert.Equal(Hex.Bytes("101112131415161718191a1b1c1d1e1f"), Ikev1Iv.Next(body, 16));
        Assert.Equal(Hex.Bytes("18191a1b1c1d1e1f"), Ikev1Iv.Next(body, 8));
    }

    [Fact]
    public void Next_iv_refuses_a_body_that_is_not_whole_blocks()
    {
        Assert.Throws<ArgumentException>(() => Ikev1Iv.Next(new byte[20], 16));
        Assert.Throws<ArgumentException>(() => Ikev1Iv.Next(new byte[0], 16));
    }
}
