using System;
using System.Security.Cryptography;
using Engine.Crypto.Aead;
using Engine.Crypto.Esp;

namespace Engine.Crypto.Tests.Aead;

/// <summary>What the data plane relies on beyond the vectors: forgeries fail, nothing allocates.</summary>
public class AesGcmBehaviourTests
{
    private readonly byte[] keyMaterial = RandomNumberGenerator.GetBytes(AeadAlgorithms.AesGcm16Key256.KeyMaterialSize);

    [Fact]
    public void Open_refuses_a_changed_ciphertext_icv_aad_or_iv()
    {
        using var aead = AeadAlgorithms.AesGcm16Key256.Create(keyMaterial);
        var aad = new byte[EspAad.Size];
        EspAad.Write(aad, 0x1234, 7, extendedSequenceNumbers: false);
        var iv = new byte[aead.IvSize];
        EspIv.WriteFromSequenceNumber(7, iv);
        var sealedData = RandomNumberGenerator.GetBytes(100);
        var icv = new byte[aead.IcvSize];
        aead.Seal(aad, iv, sealedData, icv);

        Assert.False(aead.Open(aad, iv, Flip(sealedData, 50), icv));
        Assert.False(aead.Open(aad, iv, (byte[])sealedData.Clone(), Flip(icv, 0)));
        Assert.False(aead.Open(Flip(aad, 7), iv, (byte[])sealedData.Clone(), icv));
        Assert.False(aead.Open(aad, Flip(iv, 7), (byte[])sealedData.Clone(), icv));
        Assert.False(aead.Open(aad, iv, (byte[])sealedData.Clone(), icv.AsSpan(0, 12)));
        Assert.True(aead.Open(aad, iv, (byte[])sealedData.Clone(), icv));
    }

    [Fact]
    public void Another_key_cannot_open()
    {
        using var sender = AeadAlgorithms.AesGcm16Key128.Create(keyMaterial.AsSpan(0, 20));
        using var stranger = AeadAlgorithms.AesGcm16Key128.Create(RandomNumberGenerator.GetBytes(20));
        var iv = new byte[8];
        var data = new byte[64];
        var icv = new byte[16];
        sender.Seal(ReadOnlySpan<byte>.Empty, iv, data, icv);

        Assert.False(stranger.Open(ReadOnlySpan<byte>.Empty, iv, data, icv));
    }

    [Fact]
    public void Seal_and_open_allocate_nothing()
    {
        using var aead = AeadAlgorithms.AesGcm16Key256.Create(keyMaterial);
        var aad = new byte[EspAad.ExtendedSize];
        var iv = new byte[8];
        var data = new byte[1400];
        var icv = new byte[16];
        ulong sequence = 0;

        var bytes = Allocations.PerCall(() =>
        {
            sequence++;
            EspAad.Write(aad, 0xc0ffee, sequence, extendedSequenceNumbers: true);
            EspIv.WriteFromSequenceNumber(sequence, iv);
            aead.Seal(aad, iv, data, icv);
            aead.Open(aad, iv, data, icv);
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Key_material_must_include_the_salt()
    {
        Assert.Equal(36, AeadAlgorithms.AesGcm16Key256.KeyMaterialSize);
        Assert.Throws<ArgumentException>(() => AeadAlgorithms.AesGcm16Key256.Create(new byte[32]));
    }

    [Fact]
    public void Aad_without_extended_sequence_numbers_refuses_a_64_bit_number()
    {
        var aad = new byte[EspAad.ExtendedSize];

        Assert.Throws<ArgumentOutOfRangeException>(() => EspAad.Write(aad, 1, 1UL << 32, extendedSequenceNumbers: false));
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
