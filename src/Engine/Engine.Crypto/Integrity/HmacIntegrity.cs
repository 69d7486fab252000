using System;
using System.Security.Cryptography;

namespace Engine.Crypto.Integrity;

/// <summary>
/// HMAC through an <see cref="IncrementalHash"/> kept per instance: the key's inner and outer
/// pads are set up once, and each packet is appended and finished without allocating.
/// </summary>
internal sealed class HmacIntegrity : IIntegrity
{
    // Room for the longest digest (SHA-512).
    private const int MaxDigestSize = 64;

    private readonly IncrementalHash hmac;

    public HmacIntegrity(HashAlgorithmName hash, ReadOnlySpan<byte> key, int icvSize)
    {
        hmac = IncrementalHash.CreateHMAC(hash, key);
        IcvSize = icvSize;
    }

    public int IcvSize { get; }

    public void Compute(ReadOnlySpan<byte> data, Span<byte> icv) => Compute(data, ReadOnlySpan<byte>.Empty, icv);

    public void Compute(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> icv)
    {
        Span<byte> digest = stackalloc byte[MaxDigestSize];
        Digest(data, trailer, digest);
        digest[..IcvSize].CopyTo(icv);
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> icv) => Verify(data, ReadOnlySpan<byte>.Empty, icv);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> icv)
    {
        if (icv.Length != IcvSize)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[MaxDigestSize];
        Digest(data, trailer, digest);
        return CryptographicOperations.FixedTimeEquals(digest[..IcvSize], icv);
    }

    public void Dispose() => hmac.Dispose();

    private void Digest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> digest)
    {
        hmac.AppendData(data);
        if (!trailer.IsEmpty)
        {
            hmac.AppendData(trailer);
        }

        hmac.TryGetHashAndReset(digest, out _);
    }
}
