using System;
using System.Security.Cryptography;
using Engine.Crypto.Integrity;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// HMAC-SHA-256-128 through BouncyCastle behind Engine.Crypto's <see cref="IIntegrity"/>: keyed
/// once (BouncyCastle keeps the padded inner and outer states and resets to them after each MAC).
/// </summary>
public sealed class BouncyCastleHmac : IIntegrity
{
    private const int DigestSize = 32;

    private readonly HMac hmac = new(new Sha256Digest());

    public BouncyCastleHmac(ReadOnlySpan<byte> key)
    {
        hmac.Init(new KeyParameter(key));
    }

    public int IcvSize => 16;

    public void Compute(ReadOnlySpan<byte> data, Span<byte> icv) => Compute(data, ReadOnlySpan<byte>.Empty, icv);

    public void Compute(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> icv)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        Digest(data, trailer, digest);
        digest[..IcvSize].CopyTo(icv);
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> icv) => Verify(data, ReadOnlySpan<byte>.Empty, icv);

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> icv)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        Digest(data, trailer, digest);
        return icv.Length == IcvSize && CryptographicOperations.FixedTimeEquals(digest[..IcvSize], icv);
    }

    public void Dispose()
    {
    }

    private void Digest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> digest)
    {
        hmac.BlockUpdate(data);
        hmac.BlockUpdate(trailer);
        hmac.DoFinal(digest);
    }
}
