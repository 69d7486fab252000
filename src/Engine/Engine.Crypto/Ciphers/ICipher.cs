using System;

namespace Engine.Crypto.Ciphers;

/// <summary>
/// A block cipher in CBC mode (or ESP's NULL encryption) keyed once for one SA or one IKE SA.
/// Data is encrypted in place and must be a whole number of blocks: padding is the protocol's
/// business (ESP trailer, IKEv1 payload padding), not the cipher's.
/// </summary>
/// <remarks>
/// Not thread-safe: an instance keeps chaining state between calls. Use one instance per SA per
/// thread (create more from the same <see cref="CipherAlgorithm"/> and key when workers run in
/// parallel).
/// </remarks>
public interface ICipher : IDisposable
{
    /// <summary>Bytes per block; data lengths must be a multiple of it (1 for NULL).</summary>
    int BlockSize { get; }

    /// <summary>Bytes of IV per call: ESP's explicit IV, or IKEv1's derived/chained IV.</summary>
    int IvSize { get; }

    /// <summary>Encrypts <paramref name="data"/> in place, starting the chain from <paramref name="iv"/>.</summary>
    void Encrypt(ReadOnlySpan<byte> iv, Span<byte> data);

    /// <summary>Decrypts <paramref name="data"/> in place, starting the chain from <paramref name="iv"/>.</summary>
    void Decrypt(ReadOnlySpan<byte> iv, Span<byte> data);
}
