using System.Runtime.InteropServices;

namespace Engine.Platform.Linux.Symmetric;

/// <summary>
/// The libcrypto 3 calls behind <see cref="LibCryptoSymmetricProvider"/>: EVP cipher contexts for
/// AES-CBC, and the SHA-1/SHA-2 block functions with caller-owned state for HMAC. .NET on Linux has
/// already loaded this library for System.Security.Cryptography, so this adds no dependency.
/// </summary>
/// <remarks>
/// The SHA*_Init/Update/Final functions are deprecated in OpenSSL 3 in favour of EVP_MD, but they are
/// exported by every libcrypto.so.3 built with deprecated APIs (Debian's, Ubuntu's, RHEL's), they run
/// the same assembly (SHA extensions, AVX2) as the EVP digests, and their state is a public fixed-size
/// struct the caller owns: an HMAC key becomes two such states (RFC 2104's precomputed inner and outer
/// hashes), which an SA can keep in a managed array of 2 x 112 bytes instead of an EVP_MAC context of
/// about 1 KB of native memory.
/// </remarks>
internal static unsafe partial class LibCryptoSymmetric
{
    // OpenSSL 3's soname, as the other libcrypto interop of this project.
    internal const string Library = "libcrypto.so.3";

    /// <summary>sizeof(SHA_CTX): h0-h4, Nl, Nh, data[16], num (openssl/sha.h).</summary>
    internal const int Sha1StateSize = 96;

    /// <summary>sizeof(SHA256_CTX): h[8], Nl, Nh, data[16], num, md_len.</summary>
    internal const int Sha256StateSize = 112;

    /// <summary>sizeof(SHA512_CTX), also SHA-384's: h[8], Nl, Nh (64-bit), a 128-byte block, num, md_len.</summary>
    internal const int Sha512StateSize = 216;

    /// <summary>Fetches an algorithm implementation (e.g. "AES-256-CBC") from the default library context; 0 when unknown.</summary>
    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_fetch", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CipherFetch(nint libraryContext, string algorithm, string? properties);

    /// <summary>Frees the context; its provider clears the key schedule first.</summary>
    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_free")]
    internal static partial void CipherContextFree(nint context);

    /// <summary>Keys <paramref name="context"/> for <paramref name="cipher"/>; <paramref name="encrypt"/> 1 to encrypt, 0 to decrypt.</summary>
    [LibraryImport(Library, EntryPoint = "EVP_CipherInit_ex")]
    internal static partial int CipherInit(EvpCipherContextHandle context, nint cipher, nint engine, byte* key, byte* iv, int encrypt);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_set_padding")]
    internal static partial int CipherSetPadding(EvpCipherContextHandle context, int padding);

    /// <summary>Runs the cipher over <paramref name="inputLength"/> bytes; in place (output == input) is allowed.</summary>
    [LibraryImport(Library, EntryPoint = "EVP_CipherUpdate")]
    internal static partial int CipherUpdate(EvpCipherContextHandle context, byte* output, int* outputLength, byte* input, int inputLength);

    // The same calls on a raw context that lives for one call (LibCryptoAesCbc's first calls).
    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_new")]
    internal static partial nint CipherContextNewRaw();

    [LibraryImport(Library, EntryPoint = "EVP_CipherInit_ex")]
    internal static partial int CipherInitRaw(nint context, nint cipher, nint engine, byte* key, byte* iv, int encrypt);

    [LibraryImport(Library, EntryPoint = "EVP_CIPHER_CTX_set_padding")]
    internal static partial int CipherSetPaddingRaw(nint context, int padding);

    [LibraryImport(Library, EntryPoint = "EVP_CipherUpdate")]
    internal static partial int CipherUpdateRaw(nint context, byte* output, int* outputLength, byte* input, int inputLength);

    [LibraryImport(Library, EntryPoint = "SHA1_Init")]
    internal static partial int Sha1Init(byte* state);

    [LibraryImport(Library, EntryPoint = "SHA1_Update")]
    internal static partial int Sha1Update(byte* state, byte* data, nuint length);

    [LibraryImport(Library, EntryPoint = "SHA1_Final")]
    internal static partial int Sha1Final(byte* digest, byte* state);

    [LibraryImport(Library, EntryPoint = "SHA256_Init")]
    internal static partial int Sha256Init(byte* state);

    [LibraryImport(Library, EntryPoint = "SHA256_Update")]
    internal static partial int Sha256Update(byte* state, byte* data, nuint length);

    [LibraryImport(Library, EntryPoint = "SHA256_Final")]
    internal static partial int Sha256Final(byte* digest, byte* state);

    [LibraryImport(Library, EntryPoint = "SHA384_Init")]
    internal static partial int Sha384Init(byte* state);

    [LibraryImport(Library, EntryPoint = "SHA384_Final")]
    internal static partial int Sha384Final(byte* digest, byte* state);

    [LibraryImport(Library, EntryPoint = "SHA512_Init")]
    internal static partial int Sha512Init(byte* state);

    /// <summary>SHA-512's and SHA-384's update (SHA384_Update is the same function).</summary>
    [LibraryImport(Library, EntryPoint = "SHA512_Update")]
    internal static partial int Sha512Update(byte* state, byte* data, nuint length);

    [LibraryImport(Library, EntryPoint = "SHA512_Final")]
    internal static partial int Sha512Final(byte* digest, byte* state);
}
