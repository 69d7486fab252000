using System;

namespace Engine.Crypto.Ciphers;

/// <summary>
/// What a negotiated encryption transform is (name, key, block and IV sizes) and how to key it.
/// Immutable and thread-safe; the instances it creates are not (see <see cref="ICipher"/>).
/// </summary>
public sealed class CipherAlgorithm
{
    private readonly Func<byte[], ICipher> create;

    internal CipherAlgorithm(string name, int keySize, int blockSize, int ivSize, Func<byte[], ICipher> create)
    {
        Name = name;
        KeySize = keySize;
        BlockSize = blockSize;
        IvSize = ivSize;
        this.create = create;
    }

    /// <summary>A stable display name, e.g. <c>AES-CBC-256</c>, for logs and traces.</summary>
    public string Name { get; }

    /// <summary>Key bytes the transform takes from KEYMAT or SKEYID_e.</summary>
    public int KeySize { get; }

    /// <summary>Cipher block size in bytes (1 for NULL).</summary>
    public int BlockSize { get; }

    /// <summary>IV bytes carried per ESP packet (or used per IKEv1 message).</summary>
    public int IvSize { get; }

    /// <summary>Keys a new instance. The key is copied; the caller may clear its buffer afterwards.</summary>
    public ICipher Create(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"{Name} takes a {KeySize}-byte key, not {key.Length} bytes.", nameof(key));
        }

        return CipherAlgorithms.Provider?.Create(this, key) ?? create(key.ToArray());
    }

    public override string ToString() => Name;
}
