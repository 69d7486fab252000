using System.Security.Cryptography;
using System.Threading;

namespace Engine.Crypto.Ciphers;

/// <summary>The encryption transforms ESP and IKEv1 phase 1 share, keyed through System.Security.Cryptography.</summary>
public static class CipherAlgorithms
{
    private static ICipherProvider? provider;

    /// <summary>AES-CBC with a 128-bit key (RFC 3602).</summary>
    public static CipherAlgorithm AesCbc128 { get; } = Aes("AES-CBC-128", 16);

    /// <summary>AES-CBC with a 192-bit key (RFC 3602).</summary>
    public static CipherAlgorithm AesCbc192 { get; } = Aes("AES-CBC-192", 24);

    /// <summary>AES-CBC with a 256-bit key (RFC 3602).</summary>
    public static CipherAlgorithm AesCbc256 { get; } = Aes("AES-CBC-256", 32);

    /// <summary>3DES-EDE-CBC with three independent keys (RFC 2451).</summary>
    public static CipherAlgorithm TripleDesCbc { get; } =
        new("3DES-CBC", 24, 8, 8, key => new CbcCipher(TripleDES.Create(), key));

    /// <summary>DES-CBC (RFC 2405); legacy, kept for old peers that still propose it.</summary>
    public static CipherAlgorithm DesCbc { get; } =
        new("DES-CBC", 8, 8, 8, key => new CbcCipher(DES.Create(), key));

    /// <summary>ESP NULL encryption (RFC 2410).</summary>
    public static CipherAlgorithm Null { get; } = new("NULL", 0, 1, 0, _ => new NullCipher());

    /// <summary>The provider registered with <see cref="UseProvider"/>, asked first by <see cref="CipherAlgorithm.Create"/>.</summary>
    internal static ICipherProvider? Provider => Volatile.Read(ref provider);

    /// <summary>
    /// Makes <see cref="CipherAlgorithm.Create"/> ask <paramref name="cipherProvider"/> first (null:
    /// Engine.Crypto's own again). Ciphers already created keep their implementation. The engine host
    /// calls this once at start.
    /// </summary>
    public static void UseProvider(ICipherProvider? cipherProvider) => Volatile.Write(ref provider, cipherProvider);

    private static CipherAlgorithm Aes(string name, int keySize) =>
        new(name, keySize, 16, 16, key => new CbcCipher(System.Security.Cryptography.Aes.Create(), key));
}
