using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// The few BIGNUM calls of OpenSSL 3's libcrypto that MODP Diffie-Hellman needs. .NET on Linux has
/// already loaded this library for System.Security.Cryptography, so this adds no dependency.
/// Objects are returned as raw pointers and wrapped at once by the owning handles
/// (<see cref="BigNumHandle"/>, <see cref="BigNumContextHandle"/>, <see cref="MontgomeryContextHandle"/>);
/// parameters take the handles, so a concurrent Dispose cannot free an object a call is using.
/// </summary>
internal static unsafe partial class LibCrypto
{
    // OpenSSL 3's soname: the one .NET 8+ prefers on Debian 12, Ubuntu 22.04+ and RHEL 9.
    internal const string Library = "libcrypto.so.3";

    /// <summary>BN_RAND_TOP_ONE: the random number's top bit is set, so it is exactly <c>bits</c> long.</summary>
    internal const int RandomTopOne = 0;

    /// <summary>BN_RAND_BOTTOM_ANY: no constraint on the lowest bit.</summary>
    internal const int RandomBottomAny = 0;

    /// <summary>OPENSSL_VERSION for <see cref="Version"/>: the "OpenSSL 3.0.17 1 Jul 2025" text.</summary>
    internal const int VersionText = 0;

    [LibraryImport(Library, EntryPoint = "BN_new")]
    internal static partial nint BigNumNew();

    [LibraryImport(Library, EntryPoint = "BN_clear_free")]
    internal static partial void BigNumClearFree(nint number);

    [LibraryImport(Library, EntryPoint = "BN_CTX_new")]
    internal static partial nint ContextNew();

    [LibraryImport(Library, EntryPoint = "BN_CTX_free")]
    internal static partial void ContextFree(nint context);

    [LibraryImport(Library, EntryPoint = "BN_MONT_CTX_new")]
    internal static partial nint MontgomeryNew();

    [LibraryImport(Library, EntryPoint = "BN_MONT_CTX_free")]
    internal static partial void MontgomeryFree(nint montgomery);

    [LibraryImport(Library, EntryPoint = "BN_MONT_CTX_set")]
    internal static partial int MontgomerySet(MontgomeryContextHandle montgomery, BigNumHandle modulus, BigNumContextHandle context);

    /// <summary>Sets <paramref name="result"/> from big-endian bytes; returns it, or 0 on failure.</summary>
    [LibraryImport(Library, EntryPoint = "BN_bin2bn")]
    internal static partial nint FromBigEndian(byte* bytes, int length, BigNumHandle result);

    /// <summary>Big-endian, left-padded with zeros to <paramref name="length"/>; -1 when it does not fit.</summary>
    [LibraryImport(Library, EntryPoint = "BN_bn2binpad")]
    internal static partial int ToBigEndianPadded(BigNumHandle number, byte* destination, int length);

    [LibraryImport(Library, EntryPoint = "BN_num_bits")]
    internal static partial int BitLength(BigNumHandle number);

    [LibraryImport(Library, EntryPoint = "BN_cmp")]
    internal static partial int Compare(BigNumHandle a, BigNumHandle b);

    [LibraryImport(Library, EntryPoint = "BN_set_word")]
    internal static partial int SetWord(BigNumHandle number, nuint value);

    [LibraryImport(Library, EntryPoint = "BN_sub_word")]
    internal static partial int SubtractWord(BigNumHandle number, nuint value);

    /// <summary>A random number of <paramref name="bits"/> bits from OpenSSL's private DRBG (for secrets).</summary>
    [LibraryImport(Library, EntryPoint = "BN_priv_rand")]
    internal static partial int PrivateRandom(BigNumHandle result, int bits, int top, int bottom);

    /// <summary>
    /// result = a^exponent mod modulus, in constant time with respect to the exponent's bits (the
    /// routine OpenSSL's own DH uses for the private exponent).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "BN_mod_exp_mont_consttime")]
    internal static partial int ModExpConstantTime(
        BigNumHandle result, BigNumHandle a, BigNumHandle exponent, BigNumHandle modulus,
        BigNumContextHandle context, MontgomeryContextHandle montgomery);

    // OpenSSL's built-in copies of the RFC 2409 and RFC 3526 primes: the tests check Engine.Crypto's
    // parameters against them.
    [LibraryImport(Library, EntryPoint = "BN_get_rfc2409_prime_768")]
    internal static partial nint Rfc2409Prime768(nint result);

    [LibraryImport(Library, EntryPoint = "BN_get_rfc2409_prime_1024")]
    internal static partial nint Rfc2409Prime1024(nint result);

    [LibraryImport(Library, EntryPoint = "BN_get_rfc3526_prime_1536")]
    internal static partial nint Rfc3526Prime1536(nint result);

    [LibraryImport(Library, EntryPoint = "BN_get_rfc3526_prime_2048")]
    internal static partial nint Rfc3526Prime2048(nint result);

    [LibraryImport(Library, EntryPoint = "BN_get_rfc3526_prime_3072")]
    internal static partial nint Rfc3526Prime3072(nint result);

    [LibraryImport(Library, EntryPoint = "BN_get_rfc3526_prime_4096")]
    internal static partial nint Rfc3526Prime4096(nint result);

    /// <summary>
    /// Empties this thread's OpenSSL error queue after a failed call, so that the stale entry is not
    /// reported later by an unrelated System.Security.Cryptography call on the same thread.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ERR_clear_error")]
    internal static partial void ClearErrors();

    [LibraryImport(Library, EntryPoint = "OpenSSL_version")]
    internal static partial nint Version(int type);
}
