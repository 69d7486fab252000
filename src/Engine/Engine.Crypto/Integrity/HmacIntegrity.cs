using System;
using System.Security.Cryptography;

namespace Engine.Crypto.Integrity;

/// <summary>
/// HMAC through an <see cref="IncrementalHash"/> kept per instance: the key's inner and outer
/// pads are set up once, and each packet is appended and finished without allocating.
/// </summary>
internal sealed class HmacIntegrity : TruncatedDigestIntegrity
{
    private readonly IncrementalHash hmac;

    public HmacIntegrity(HashAlgorithmName hash, ReadOnlySpan<byte> key, int icvSize)
        : base(icvSize)
    {
        hmac = IncrementalHash.CreateHMAC(hash, key);
    }

    public override void Dispose() => hmac.Dispose();

    protected override void Digest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> digest)
    {
        hmac.AppendData(data);
        if (!trailer.IsEmpty)
        {
            hmac.AppendData(trailer);
        }

        hmac.TryGetHashAndReset(digest, out _);
    }
}
