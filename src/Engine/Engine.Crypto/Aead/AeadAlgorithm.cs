using System;

namespace Engine.Crypto.Aead;

/// <summary>
/// What a negotiated combined-mode transform is (name, key, salt, IV and ICV sizes) and how to key
/// it. Immutable and thread-safe; the instances it creates are not (see <see cref="IAead"/>).
/// </summary>
public sealed class AeadAlgorithm
{
    private readonly Func<byte[], IAead> create;

    internal AeadAlgorithm(string name, int keySize, int saltSize, int ivSize, int icvSize, Func<byte[], IAead> create)
    {
        Name = name;
        KeySize = keySize;
        SaltSize = saltSize;
        IvSize = ivSize;
        IcvSize = icvSize;
        this.create = create;
    }

    /// <summary>A stable display name, e.g. <c>AES-GCM-16-256</c>, for logs and traces.</summary>
    public string Name { get; }

    /// <summary>Cipher key bytes.</summary>
    public int KeySize { get; }

    /// <summary>Salt bytes that follow the key in KEYMAT (RFC 4106 section 8.1).</summary>
    public int SaltSize { get; }

    /// <summary>KEYMAT bytes this transform consumes: key then salt.</summary>
    public int KeyMaterialSize => KeySize + SaltSize;

    /// <summary>Explicit IV bytes per packet.</summary>
    public int IvSize { get; }

    /// <summary>ICV bytes per packet.</summary>
    public int IcvSize { get; }

    /// <summary>
    /// Keys a new instance from <see cref="KeyMaterialSize"/> bytes of KEYMAT (key || salt).
    /// The material is copied; the caller may clear its buffer afterwards.
    /// </summary>
    public IAead Create(ReadOnlySpan<byte> keyMaterial)
    {
        if (keyMaterial.Length != KeyMaterialSize)
        {
            throw new ArgumentException(
                $"{Name} takes {KeyMaterialSize} bytes of key material (key and salt), not {keyMaterial.Length}.",
                nameof(keyMaterial));
        }

        return create(keyMaterial.ToArray());
    }

    public override string ToString() => Name;
}
