using System.Buffers.Binary;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// Builds ESP packets with the real keys but a chosen payload and trailer, authentic to the
/// receiver, to reach checks that only authentic packets reach: padding, next header, the inner
/// packet and the selectors.
/// </summary>
public static class EspForger
{
    /// <summary>ESP (CBC + HMAC) over <paramref name="plaintext"/>, which must already include padding and the two trailer bytes.</summary>
    public static byte[] Seal(TestTransform transform, (byte[] Encryption, byte[] Integrity) keys, uint spi, uint sequence, byte[] plaintext)
    {
        using var sa = new SaTransform(IpsecProtocol.Esp, transform.Cipher, transform.Aead, transform.Integrity, keys.Encryption, keys.Integrity);
        using var crypto = sa.CreateContext();
        var ivSize = sa.IvSize;
        var packet = new byte[8 + ivSize + plaintext.Length + sa.IcvSize];
        BinaryPrimitives.WriteUInt32BigEndian(packet, spi);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence);
        System.Security.Cryptography.RandomNumberGenerator.Fill(packet.AsSpan(8, ivSize));
        plaintext.CopyTo(packet, 8 + ivSize);
        crypto.Cipher!.Encrypt(packet.AsSpan(8, ivSize), packet.AsSpan(8 + ivSize, plaintext.Length));
        crypto.Integrity!.Compute(packet.AsSpan(0, 8 + ivSize + plaintext.Length), packet.AsSpan(8 + ivSize + plaintext.Length));
        return packet;
    }

    /// <summary>Payload, correct 1, 2, 3 padding to 16 bytes, pad length, next header.</summary>
    public static byte[] WithTrailer(byte[] payload, byte nextHeader, int alignment = 16)
    {
        var padding = (alignment - (payload.Length + 2) % alignment) % alignment;
        var plaintext = new byte[payload.Length + padding + 2];
        payload.CopyTo(plaintext, 0);
        for (var i = 0; i < padding; i++)
        {
            plaintext[payload.Length + i] = (byte)(i + 1);
        }

        plaintext[^2] = (byte)padding;
        plaintext[^1] = nextHeader;
        return plaintext;
    }
}
