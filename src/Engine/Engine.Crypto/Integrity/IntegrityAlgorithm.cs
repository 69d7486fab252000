using System;
using System.Security.Cryptography;

namespace Engine.Crypto.Integrity;

/// <summary>
/// What a negotiated integrity transform is (HMAC hash, key size, ICV size) and how to key it.
/// Immutable and thread-safe; the instances it creates are not (see <see cref="IIntegrity"/>).
/// </summary>
public sealed class IntegrityAlgorithm
{
    internal IntegrityAlgorithm(string name, HashAlgorithmName hash, int keySize, int icvSize)
    {
        Name = name;
        Hash = hash;
        KeySize = keySize;
        IcvSize = icvSize;
    }

    /// <summary>A stable display name, e.g. <c>HMAC-SHA-256-128</c>, for logs and traces.</summary>
    public string Name { get; }

    /// <summary>The hash under the HMAC.</summary>
    public HashAlgorithmName Hash { get; }

    /// <summary>Key bytes the transform takes from KEYMAT (the hash's output length, RFC 2404/4868).</summary>
    public int KeySize { get; }

    /// <summary>ICV bytes: the HMAC output truncated to this length.</summary>
    public int IcvSize { get; }

    /// <summary>Keys a new instance. The key is copied.</summary>
    public IIntegrity Create(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"{Name} takes a {KeySize}-byte key, not {key.Length} bytes.", nameof(key));
        }

        return IntegrityAlgorithms.Provider?.Create(this, key) ?? new HmacIntegrity(Hash, key, IcvSize);
    }

    public override string ToString() => Name;
}
