using System;
using System.Security.Cryptography;

namespace Engine.Crypto.Prf;

/// <summary>The HMAC of a hash as a PRF, one-shot per call (IKE computes few of these).</summary>
internal sealed class HmacPrf : IPrf
{
    public HmacPrf(string name, HashAlgorithmName hash, int outputSize)
    {
        Name = name;
        Hash = hash;
        OutputSize = outputSize;
    }

    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    public int OutputSize { get; }

    public void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> output) =>
        CryptographicOperations.HmacData(Hash, key, message, output);

    public override string ToString() => Name;
}
