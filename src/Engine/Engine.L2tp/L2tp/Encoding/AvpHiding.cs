using System;
using System.Buffers.Binary;
using System.Linq;
using System.Security.Cryptography;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// AVP hiding (RFC 2661 section 4.3). The value is first wrapped in the hidden subformat
/// (a 2-octet original length, the value, optional padding), then XORed, 16 octets at a time,
/// with an MD5 key stream:
/// <code>
/// b1 = MD5(Attribute Type (2 octets) + shared secret + random vector)   c1 = p1 xor b1
/// bi = MD5(shared secret + c(i-1))                                        ci = pi xor bi
/// </code>
/// The random vector is the value of the last Random Vector AVP before the hidden AVP in the same
/// message. A final chunk shorter than 16 octets uses only as much of its key block as it needs.
/// </summary>
public static class AvpHiding
{
    private const int BlockLength = 16;

    /// <summary>Octets a hidden value occupies: the length prefix, the value and the padding.</summary>
    public static int HiddenLength(int valueLength, int paddingLength) => 2 + valueLength + paddingLength;

    /// <summary>
    /// Writes the hidden form of <paramref name="value"/> (followed by <paramref name="padding"/>,
    /// which section 4.3 allows so that the value's length is not revealed) into <paramref name="destination"/>.
    /// </summary>
    public static void Hide(ushort attributeType, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> randomVector,
        ReadOnlySpan<byte> value, ReadOnlySpan<byte> padding, Span<byte> destination)
    {
        var length = HiddenLength(value.Length, padding.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException("the destination is shorter than the hidden value", nameof(destination));
        }

        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "a hidden value's original length must fit 16 bits");
        }

        var output = destination[..length];
        BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)value.Length);
        value.CopyTo(output[2..]);
        padding.CopyTo(output[(2 + value.Length)..]);

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> key = stackalloc byte[BlockLength];
        Span<byte> typeOctets = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(typeOctets, attributeType);
        md5.AppendData(typeOctets);
        md5.AppendData(secret);
        md5.AppendData(randomVector);
        md5.GetHashAndReset(key);

        for (var offset = 0; offset < output.Length; offset += BlockLength)
        {
            var chunk = output[offset..Math.Min(offset + BlockLength, output.Length)];
            Xor(chunk, key);

            // The next key block hashes this chunk's ciphertext, which is now in place.
            md5.AppendData(secret);
            md5.AppendData(chunk);
            md5.GetHashAndReset(key);
        }
    }

    /// <summary>
    /// Recovers a hidden value into <paramref name="scratch"/> (at least as long as
    /// <paramref name="hidden"/>) and returns the original value's slice of it. Returns false when the
    /// recovered length prefix exceeds the hidden octets, which is what a wrong shared secret or a
    /// wrong random vector produces.
    /// </summary>
    public static bool TryUnhide(ushort attributeType, ReadOnlySpan<byte> secret, ReadOnlySpan<byte> randomVector,
        ReadOnlySpan<byte> hidden, Span<byte> scratch, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (hidden.Length < 2 || scratch.Length < hidden.Length)
        {
            return false;
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> key = stackalloc byte[BlockLength];
        Span<byte> typeOctets = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(typeOctets, attributeType);
        md5.AppendData(typeOctets);
        md5.AppendData(secret);
        md5.AppendData(randomVector);
        md5.GetHashAndReset(key);

        var plain = scratch[..hidden.Length];
        for (var offset = 0; offset < hidden.Length; offset += BlockLength)
        {
            var end = Math.Min(offset + BlockLength, hidden.Length);
            var cipherChunk = hidden[offset..end];
            var plainChunk = plain[offset..end];
            cipherChunk.CopyTo(plainChunk);
            Xor(plainChunk, key);
            md5.AppendData(secret);
            md5.AppendData(cipherChunk);
            md5.GetHashAndReset(key);
        }

        var originalLength = BinaryPrimitives.ReadUInt16BigEndian(plain);
        if (originalLength > hidden.Length - 2)
        {
            return false;
        }

        value = plain.Slice(2, originalLength);
        return true;
    }

    private static void Xor(Span<byte> chunk, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] ^= key[i];
        }
    }
}
