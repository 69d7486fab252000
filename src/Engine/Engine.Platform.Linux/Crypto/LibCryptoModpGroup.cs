using System;
using System.Collections.Concurrent;
using Engine.Crypto.KeyExchange;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// A MODP group in libcrypto's terms: p, p-1, g and p's Montgomery constants, built once per group
/// from Engine.Crypto's <see cref="ModpParameters"/> and kept for the life of the process (a handful
/// of objects, shared by every key exchange of the group). Only read after construction, which is
/// what libcrypto's exponentiation does with them, so sharing across threads is safe.
/// </summary>
internal sealed unsafe class LibCryptoModpGroup
{
    private static readonly ConcurrentDictionary<DiffieHellmanGroup, LibCryptoModpGroup> Groups = new();

    private LibCryptoModpGroup(ModpParameters parameters)
    {
        Parameters = parameters;
        Prime = LibCryptoMath.FromBigEndian(parameters.Prime);
        PrimeMinusOne = LibCryptoMath.FromBigEndian(parameters.Prime);
        LibCryptoMath.Check(LibCrypto.SubtractWord(PrimeMinusOne, 1), "BN_sub_word");
        Generator = LibCryptoMath.FromWord((nuint)parameters.Generator);
        One = LibCryptoMath.FromWord(1);
        Montgomery = MontgomeryContextHandle.New();
        using var context = BigNumContextHandle.New();
        LibCryptoMath.Check(LibCrypto.MontgomerySet(Montgomery, Prime, context), "BN_MONT_CTX_set");
    }

    public ModpParameters Parameters { get; }

    public int Size => Parameters.Size;

    public BigNumHandle Prime { get; }

    public BigNumHandle PrimeMinusOne { get; }

    public BigNumHandle Generator { get; }

    public BigNumHandle One { get; }

    public MontgomeryContextHandle Montgomery { get; }

    /// <summary>The shared instance for <paramref name="parameters"/>' group.</summary>
    public static LibCryptoModpGroup For(ModpParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Groups.GetOrAdd(parameters.Group, static (_, p) => new LibCryptoModpGroup(p), parameters);
    }

    /// <summary>
    /// OpenSSL's own copy of the group's prime (<c>BN_get_rfc2409_prime_768</c> ...
    /// <c>BN_get_rfc3526_prime_4096</c>), big-endian and padded to <paramref name="size"/> bytes: an
    /// independent source to check Engine.Crypto's parameters against.
    /// </summary>
    public static byte[] BuiltInPrime(DiffieHellmanGroup group, int size)
    {
        var pointer = group switch
        {
            DiffieHellmanGroup.Modp768 => LibCrypto.Rfc2409Prime768(IntPtr.Zero),
            DiffieHellmanGroup.Modp1024 => LibCrypto.Rfc2409Prime1024(IntPtr.Zero),
            DiffieHellmanGroup.Modp1536 => LibCrypto.Rfc3526Prime1536(IntPtr.Zero),
            DiffieHellmanGroup.Modp2048 => LibCrypto.Rfc3526Prime2048(IntPtr.Zero),
            DiffieHellmanGroup.Modp3072 => LibCrypto.Rfc3526Prime3072(IntPtr.Zero),
            DiffieHellmanGroup.Modp4096 => LibCrypto.Rfc3526Prime4096(IntPtr.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Not a MODP group libcrypto has built in."),
        };
        using var prime = BigNumHandle.Own(pointer);
        var bytes = new byte[size];
        LibCryptoMath.ToBigEndianPadded(prime, bytes);
        return bytes;
    }
}
