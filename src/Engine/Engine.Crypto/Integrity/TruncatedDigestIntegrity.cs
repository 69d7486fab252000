using System;
using System.Security.Cryptography;

namespace Engine.Crypto.Integrity;

/// <summary>
/// An <see cref="IIntegrity"/> whose ICV is the first <see cref="IcvSize"/> bytes of a full digest
/// (HMAC-SHA-256-128 and its kin, RFC 2404 and RFC 4868): the truncation and the constant-time
/// comparison live here once, and an implementation supplies only the digest over data and trailer.
/// </summary>
public abstract class TruncatedDigestIntegrity : IIntegrity
{
    /// <summary>Room for the longest digest (SHA-512).</summary>
    protected const int MaxDigestSize = 64;

    protected TruncatedDigestIntegrity(int icvSize)
    {
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

    public abstract void Dispose();

    /// <summary>The full digest of <paramref name="data"/> followed by <paramref name="trailer"/> (which may be empty), into <paramref name="digest"/> (<see cref="MaxDigestSize"/> bytes).</summary>
    protected abstract void Digest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> digest);
}
