using System;
using System.Buffers;
using System.Security.Cryptography;

namespace Engine.Crypto.Ciphers;

/// <summary>
/// CBC over a System.Security.Cryptography block cipher (AES, 3DES, DES; OpenSSL underneath),
/// allocation-free per call.
/// </summary>
/// <remarks>
/// The one-shot <c>EncryptCbc</c>/<c>DecryptCbc</c> APIs allocate a native context object per
/// call (measured: 64 bytes each), which the ESP hot path must not do. So this keeps one
/// encryptor and one decryptor per instance and feeds them through a pooled scratch array.
/// Such a transform continues its chain from the last block it processed, so each call folds
/// the caller's IV into the first block: encryption XORs <c>iv ^ chain</c> into the first
/// plaintext block; decryption XORs it into the first output block. Both transforms use
/// <see cref="PaddingMode.None"/>, so neither holds back a block.
/// Each transform is created on its direction's first call: an ESP SA only ever encrypts
/// (outbound) or decrypts (inbound), and an OpenSSL cipher context with its key schedule is about
/// 1 KB of native memory plus a few managed wrappers, which a gateway with 10,000 sessions and two
/// ESP SAs each would otherwise hold twice. Until then the key stays in this object (the transforms
/// keep it anyway); it is wiped once both exist, and on dispose.
/// </remarks>
internal sealed class CbcCipher : ICipher
{
    // A multiple of every block size (8 and 16); one ESP packet of an ordinary MTU is one call.
    private const int ChunkSize = 2048;

    private readonly SymmetricAlgorithm algorithm;
    private readonly byte[] key;
    private readonly byte[] encryptChain;
    private readonly byte[] decryptChain;
    private ICryptoTransform? encryptor;
    private ICryptoTransform? decryptor;

    /// <summary>Takes ownership of <paramref name="key"/>, which it wipes once it needs it no more.</summary>
    public CbcCipher(SymmetricAlgorithm algorithm, byte[] key)
    {
        this.algorithm = algorithm;
        this.key = key;
        algorithm.Mode = CipherMode.CBC;
        algorithm.Padding = PaddingMode.None;
        BlockSize = algorithm.BlockSize / 8;
        encryptChain = new byte[BlockSize];
        decryptChain = new byte[BlockSize];
        if (algorithm is DES or TripleDES)
        {
            // DES and 3DES refuse weak keys when a transform is created: refuse them here, at
            // keying, as before, and not on an SA's first packet. A throw-away transform does it.
            try
            {
                algorithm.CreateEncryptor(key, encryptChain).Dispose();
            }
            catch
            {
                CryptographicOperations.ZeroMemory(key);
                algorithm.Dispose();
                throw;
            }
        }
    }

    public int BlockSize { get; }

    public int IvSize => BlockSize;

    public void Encrypt(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        Validate(iv, data);
        if (data.IsEmpty)
        {
            return;
        }

        var first = data[..BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            first[i] ^= (byte)(iv[i] ^ encryptChain[i]);
        }

        Transform(encryptor ?? CreateEncryptor(), data);
        data[^BlockSize..].CopyTo(encryptChain);
    }

    public void Decrypt(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        Validate(iv, data);
        if (data.IsEmpty)
        {
            return;
        }

        Span<byte> lastCiphertextBlock = stackalloc byte[BlockSize];
        data[^BlockSize..].CopyTo(lastCiphertextBlock);
        Transform(decryptor ?? CreateDecryptor(), data);

        var first = data[..BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            first[i] ^= (byte)(iv[i] ^ decryptChain[i]);
        }

        lastCiphertextBlock.CopyTo(decryptChain);
    }

    public void Dispose()
    {
        encryptor?.Dispose();
        decryptor?.Dispose();
        algorithm.Dispose();
        CryptographicOperations.ZeroMemory(key);
    }

    // Called before the direction's chain block is first written, so the transform starts from
    // the all-zero chain that Encrypt and Decrypt fold the caller's IV into.
    private ICryptoTransform CreateEncryptor()
    {
        encryptor = algorithm.CreateEncryptor(key, encryptChain);
        WipeKeyOnceKeyed();
        return encryptor;
    }

    private ICryptoTransform CreateDecryptor()
    {
        decryptor = algorithm.CreateDecryptor(key, decryptChain);
        WipeKeyOnceKeyed();
        return decryptor;
    }

    private void WipeKeyOnceKeyed()
    {
        if (encryptor is not null && decryptor is not null)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void Transform(ICryptoTransform transform, Span<byte> data)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (var offset = 0; offset < data.Length; offset += ChunkSize)
            {
                var chunk = data.Slice(offset, Math.Min(ChunkSize, data.Length - offset));
                chunk.CopyTo(scratch);
                transform.TransformBlock(scratch, 0, chunk.Length, scratch, 0);
                scratch.AsSpan(0, chunk.Length).CopyTo(chunk);
            }
        }
        finally
        {
            // The scratch held plaintext; it goes back to a shared pool.
            ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
        }
    }

    private void Validate(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> data)
    {
        if (iv.Length != BlockSize)
        {
            throw new ArgumentException($"CBC takes a {BlockSize}-byte IV, not {iv.Length} bytes.", nameof(iv));
        }

        if (data.Length % BlockSize != 0)
        {
            throw new ArgumentException($"CBC data must be a multiple of {BlockSize} bytes; {data.Length} is not.", nameof(data));
        }
    }
}
