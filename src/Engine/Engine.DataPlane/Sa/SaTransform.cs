using System;
using System.Security.Cryptography;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;

namespace Engine.DataPlane.Sa;

/// <summary>
/// The negotiated transforms of one SA and its keys, kept so that each packet worker can key its
/// own crypto objects (Engine.Crypto's instances are one per SA per thread). Validates the
/// combination once, at add time, so the hot path never has to.
/// </summary>
internal sealed class SaTransform : IDisposable
{
    private readonly byte[] encryptionKey;
    private readonly byte[] integrityKey;

    public SaTransform(IpsecProtocol protocol, CipherAlgorithm? cipher, AeadAlgorithm? aead, IntegrityAlgorithm? integrity,
        ReadOnlySpan<byte> encryptionKey, ReadOnlySpan<byte> integrityKey)
    {
        if (protocol == IpsecProtocol.Ah)
        {
            if (cipher is not null || aead is not null)
            {
                throw new ArgumentException("AH does not encrypt: give it an integrity algorithm only.");
            }

            if (integrity is null)
            {
                throw new ArgumentException("AH needs an integrity algorithm.");
            }
        }
        else
        {
            if ((cipher is null) == (aead is null))
            {
                throw new ArgumentException("ESP needs exactly one of a cipher (CBC or NULL) and a combined-mode (AEAD) transform.");
            }

            if (aead is not null && integrity is not null)
            {
                throw new ArgumentException($"{aead.Name} authenticates by itself; ESP with it takes no integrity algorithm.");
            }

            if (cipher is not null && cipher.IvSize == 0 && integrity is null)
            {
                throw new ArgumentException("ESP with NULL encryption needs an integrity algorithm (RFC 4303 section 3.2).");
            }
        }

        var expectedEncryptionKey = aead?.KeyMaterialSize ?? cipher?.KeySize ?? 0;
        if (encryptionKey.Length != expectedEncryptionKey)
        {
            throw new ArgumentException($"{aead?.Name ?? cipher?.Name ?? "AH"} takes {expectedEncryptionKey} bytes of encryption key, not {encryptionKey.Length}.");
        }

        var expectedIntegrityKey = integrity?.KeySize ?? 0;
        if (integrityKey.Length != expectedIntegrityKey)
        {
            throw new ArgumentException($"{integrity?.Name ?? "no integrity"} takes {expectedIntegrityKey} bytes of integrity key, not {integrityKey.Length}.");
        }

        Cipher = cipher;
        Aead = aead;
        Integrity = integrity;
        this.encryptionKey = encryptionKey.ToArray();
        this.integrityKey = integrityKey.ToArray();

        IvSize = aead?.IvSize ?? cipher?.IvSize ?? 0;
        IcvSize = aead?.IcvSize ?? integrity?.IcvSize ?? 0;
        var blockSize = cipher?.BlockSize ?? 1;

        // RFC 4303 section 2.4: the trailer ends on the cipher's block size and on a 4-byte
        // boundary, whichever is stricter (block sizes here are 1, 8 or 16).
        Alignment = Math.Max(blockSize, 4);
        CipherBlockSize = blockSize;
        Encrypts = aead is not null || (cipher is not null && cipher.IvSize > 0);
    }

    public CipherAlgorithm? Cipher { get; }

    public AeadAlgorithm? Aead { get; }

    public IntegrityAlgorithm? Integrity { get; }

    public int IvSize { get; }

    public int IcvSize { get; }

    public int Alignment { get; }

    public int CipherBlockSize { get; }

    /// <summary>False for ESP NULL and AH: the payload travels readable.</summary>
    public bool Encrypts { get; }

    public bool Authenticates => Aead is not null || Integrity is not null;

    public string EncryptionName => Aead?.Name ?? Cipher?.Name ?? "none";

    public string IntegrityName => Aead is not null ? Aead.Name : Integrity?.Name ?? "none";

    /// <summary>Keys a fresh set of crypto objects for one worker.</summary>
    public SaCryptoContext CreateContext() => new(
        Cipher?.Create(encryptionKey),
        Aead?.Create(encryptionKey),
        Integrity?.Create(integrityKey));

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(encryptionKey);
        CryptographicOperations.ZeroMemory(integrityKey);
    }
}
