using System;
using Engine.Crypto.Integrity;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// HMAC-SHA-256-128 through BouncyCastle behind Engine.Crypto's <see cref="IIntegrity"/>: keyed
/// once (BouncyCastle keeps the padded inner and outer states and resets to them after each MAC).
/// </summary>
public sealed class BouncyCastleHmac : TruncatedDigestIntegrity
{
    private readonly HMac hmac = new(new Sha256Digest());

    public BouncyCastleHmac(ReadOnlySpan<byte> key)
        : base(icvSize: 16)
    {
        hmac.Init(new KeyParameter(key));
    }

    public override void Dispose()
    {
    }

    protected override void Digest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> digest)
    {
        hmac.BlockUpdate(data);
        hmac.BlockUpdate(trailer);
        hmac.DoFinal(digest);
    }
}
