using System;
using System.Security.Cryptography;

namespace Engine.Platform.Linux.Crypto;

/// <summary>Conversions between spans and libcrypto BIGNUMs, and the failure check every call shares.</summary>
internal static unsafe class LibCryptoMath
{
    /// <summary>A new BIGNUM holding the big-endian unsigned integer in <paramref name="bytes"/>.</summary>
    public static BigNumHandle FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        var number = BigNumHandle.New();
        fixed (byte* pointer = bytes)
        {
            if (LibCrypto.FromBigEndian(pointer, bytes.Length, number) == IntPtr.Zero)
            {
                number.Dispose();
                Fail("BN_bin2bn");
            }
        }

        return number;
    }

    public static BigNumHandle FromWord(nuint value)
    {
        var number = BigNumHandle.New();
        if (LibCrypto.SetWord(number, value) != 1)
        {
            number.Dispose();
            Fail("BN_set_word");
        }

        return number;
    }

    /// <summary>Writes <paramref name="number"/> big-endian, left-padded to the whole of <paramref name="destination"/>.</summary>
    public static void ToBigEndianPadded(BigNumHandle number, Span<byte> destination)
    {
        fixed (byte* pointer = destination)
        {
            if (LibCrypto.ToBigEndianPadded(number, pointer, destination.Length) != destination.Length)
            {
                Fail("BN_bn2binpad");
            }
        }
    }

    /// <summary>libcrypto returns 1 for success; anything else clears its error queue and throws.</summary>
    public static void Check(int result, string function)
    {
        if (result != 1)
        {
            Fail(function);
        }
    }

    private static void Fail(string function)
    {
        LibCrypto.ClearErrors();
        throw new CryptographicException($"libcrypto {function} failed.");
    }
}
