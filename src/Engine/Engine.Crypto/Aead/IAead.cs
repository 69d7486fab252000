using System;

namespace Engine.Crypto.Aead;

/// <summary>
/// An ESP combined-mode transform (AES-GCM, RFC 4106) keyed once for one SA: the 4-byte salt from
/// KEYMAT is fixed at creation, each packet brings its 8-byte explicit IV and its AAD
/// (SPI || sequence number, see <see cref="Esp.EspAad"/>).
/// </summary>
/// <remarks>
/// Not thread-safe: the underlying context is reused by every call. Use one instance per SA per
/// thread (create more from the same <see cref="AeadAlgorithm"/> and key material).
/// Allocation-free per call.
/// </remarks>
public interface IAead : IDisposable
{
    /// <summary>Explicit IV bytes carried in each ESP packet (8).</summary>
    int IvSize { get; }

    /// <summary>Integrity check value bytes appended to each ESP packet (16).</summary>
    int IcvSize { get; }

    /// <summary>Encrypts <paramref name="data"/> in place and writes its ICV.</summary>
    void Seal(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, Span<byte> data, Span<byte> icv);

    /// <summary>
    /// Checks the ICV and decrypts <paramref name="data"/> in place. Returns false, and leaves
    /// <paramref name="data"/> unusable, when the packet was not sealed with this key, IV and AAD.
    /// </summary>
    bool Open(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, Span<byte> data, ReadOnlySpan<byte> icv);
}
