using System;
using System.Security.Cryptography;
using Engine.Crypto.Ciphers;

namespace Engine.Platform.Linux.Symmetric;

/// <summary>
/// AES-CBC on libcrypto's EVP cipher contexts directly: in place on the caller's span, without
/// padding, allocation-free per call.
/// </summary>
/// <remarks>
/// Why not System.Security.Cryptography: each of its transforms wraps the same OpenSSL context in an
/// <c>Aes</c>, an OpenSSL cipher, its lite core, a safe handle, an encryptor or decryptor object and two
/// KeySizes arrays (about 0.4 KB of managed objects per context), and takes arrays, so every packet
/// was copied to a pooled scratch array and back. A gateway keeps three such ciphers per session (its
/// ISAKMP SA's and one per ESP SA).
/// As <see cref="CbcCipher"/> does, each direction's context is created on its first call (an ESP SA
/// only encrypts or only decrypts) and keeps chaining from the last block it processed, so each call
/// folds the caller's IV into the first block: encryption XORs <c>iv ^ chain</c> into the first
/// plaintext block; decryption XORs it into the first output block. That is cheaper than re-keying
/// the IV through EVP_CipherInit_ex on every packet. The key stays in <see cref="state"/> until both
/// contexts exist, and is wiped then and on dispose.
/// </remarks>
internal sealed unsafe class LibCryptoAesCbc : ICipher
{
    private const int Block = 16;
    private const int EncryptChain = 0;
    private const int DecryptChain = Block;
    private const int Key = 2 * Block;

    // Calls per direction served by a context made for the call and freed after it, before the
    // direction keeps one. An ISAKMP SA encrypts and decrypts a handful of messages in its life
    // (main mode 5 and 6, quick modes, a few informational exchanges), so its two contexts, about
    // 0.7 KB of native memory each, would otherwise stay for hours unused, per VPN session; an ESP SA
    // passes this many packets while its L2TP tunnel and PPP link come up. A context made per call
    // costs about a microsecond (allocation and key schedule), not per packet once it is kept.
    private const int TransientCalls = 8;

    private readonly nint cipher;
    private readonly int keySize;

    // One array for both chain blocks and the key: [encrypt chain][decrypt chain][key].
    private readonly byte[] state;
    private EvpCipherContextHandle? encryptor;
    private EvpCipherContextHandle? decryptor;
    private byte transientEncryptions;
    private byte transientDecryptions;
    private bool disposed;

    /// <param name="cipher">The fetched EVP_CIPHER for the key's size (lives as long as the process).</param>
    public LibCryptoAesCbc(nint cipher, ReadOnlySpan<byte> key)
    {
        this.cipher = cipher;
        keySize = key.Length;
        state = new byte[Key + key.Length];
        key.CopyTo(state.AsSpan(Key));
    }

    public int BlockSize => Block;

    public int IvSize => Block;

    public void Encrypt(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        Validate(iv, data);
        if (data.IsEmpty)
        {
            return;
        }

        if (encryptor is null && transientEncryptions < TransientCalls)
        {
            transientEncryptions++;
            RunTransient(iv, data, encrypt: true);
            return;
        }

        var context = encryptor ?? (encryptor = CreateContext(encrypt: true));
        var chain = state.AsSpan(EncryptChain, Block);
        for (var i = 0; i < Block; i++)
        {
            data[i] ^= (byte)(iv[i] ^ chain[i]);
        }

        Run(context, data);
        data[^Block..].CopyTo(chain);
    }

    public void Decrypt(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        Validate(iv, data);
        if (data.IsEmpty)
        {
            return;
        }

        if (decryptor is null && transientDecryptions < TransientCalls)
        {
            transientDecryptions++;
            RunTransient(iv, data, encrypt: false);
            return;
        }

        var context = decryptor ?? (decryptor = CreateContext(encrypt: false));
        Span<byte> lastCiphertextBlock = stackalloc byte[Block];
        data[^Block..].CopyTo(lastCiphertextBlock);
        Run(context, data);

        var chain = state.AsSpan(DecryptChain, Block);
        for (var i = 0; i < Block; i++)
        {
            data[i] ^= (byte)(iv[i] ^ chain[i]);
        }

        lastCiphertextBlock.CopyTo(chain);
    }

    public void Dispose()
    {
        disposed = true;
        encryptor?.Dispose();
        decryptor?.Dispose();
        CryptographicOperations.ZeroMemory(state);
    }

    private static void Run(EvpCipherContextHandle context, Span<byte> data)
    {
        int written;
        fixed (byte* bytes = data)
        {
            if (LibCryptoSymmetric.CipherUpdate(context, bytes, &written, bytes, data.Length) != 1 || written != data.Length)
            {
                throw new CryptographicException("EVP_CipherUpdate failed.");
            }
        }
    }

    // Keyed with the call's own IV, so the kept context's chain block is not involved (it stays zero
    // until that context exists).
    private void RunTransient(ReadOnlySpan<byte> iv, Span<byte> data, bool encrypt)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var context = LibCryptoSymmetric.CipherContextNewRaw();
        if (context == 0)
        {
            throw new CryptographicException("EVP_CIPHER_CTX_new failed.");
        }

        try
        {
            int written;
            fixed (byte* key = &state[Key])
            fixed (byte* initial = iv)
            fixed (byte* bytes = data)
            {
                if (LibCryptoSymmetric.CipherInitRaw(context, cipher, 0, key, initial, encrypt ? 1 : 0) != 1
                    || LibCryptoSymmetric.CipherSetPaddingRaw(context, 0) != 1
                    || LibCryptoSymmetric.CipherUpdateRaw(context, bytes, &written, bytes, data.Length) != 1
                    || written != data.Length)
                {
                    throw new CryptographicException("EVP_CipherInit_ex or EVP_CipherUpdate failed.");
                }
            }
        }
        finally
        {
            LibCryptoSymmetric.CipherContextFree(context);
        }
    }

    // Called before the direction's chain block is first written, so the context starts from the
    // all-zero chain that Encrypt and Decrypt fold the caller's IV into.
    private EvpCipherContextHandle CreateContext(bool encrypt)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var context = EvpCipherContextHandle.Create();
        try
        {
            Span<byte> zeroIv = stackalloc byte[Block];
            zeroIv.Clear();
            fixed (byte* key = &state[Key])
            fixed (byte* iv = zeroIv)
            {
                if (LibCryptoSymmetric.CipherInit(context, cipher, 0, key, iv, encrypt ? 1 : 0) != 1
                    || LibCryptoSymmetric.CipherSetPadding(context, 0) != 1)
                {
                    throw new CryptographicException("EVP_CipherInit_ex failed.");
                }
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }

        if ((encrypt ? decryptor : encryptor) is not null)
        {
            CryptographicOperations.ZeroMemory(state.AsSpan(Key, keySize));
        }

        return context;
    }

    private static void Validate(ReadOnlySpan<byte> iv, ReadOnlySpan<byte> data)
    {
        if (iv.Length != Block)
        {
            throw new ArgumentException($"CBC takes a {Block}-byte IV, not {iv.Length} bytes.", nameof(iv));
        }

        if (data.Length % Block != 0)
        {
            throw new ArgumentException($"CBC data must be a multiple of {Block} bytes; {data.Length} is not.", nameof(data));
        }
    }
}
