using System;
using System.Security.Cryptography;
using Engine.Crypto.Integrity;

namespace Engine.Platform.Linux.Symmetric;

/// <summary>
/// HMAC (RFC 2104) with SHA-1, SHA-256, SHA-384 or SHA-512 over libcrypto's hash block functions,
/// keeping per key only the two hash states after the inner and outer padded key blocks.
/// </summary>
/// <remarks>
/// Each call copies the inner state to the stack, hashes the data into it, then does the same with
/// the outer state over the inner digest: the same work as an HMAC context that is reset per packet,
/// allocation-free, and per SA 2 x 112 bytes (SHA-256) in one managed array instead of an OpenSSL HMAC
/// context (about 1 KB of native memory with its three digest contexts) and its four managed wrappers.
/// The states are secrets (they stand for the key): they are wiped on dispose, and the stack copies
/// after each call.
/// </remarks>
internal sealed unsafe class LibCryptoHmac : TruncatedDigestIntegrity
{
    // The largest state (SHA512_CTX).
    private const int MaxStateSize = LibCryptoSymmetric.Sha512StateSize;

    private readonly ShaFunction function;

    // [inner state][outer state], each StateSize(function) bytes.
    private readonly byte[] states;
    private bool disposed;

    public LibCryptoHmac(ShaFunction function, ReadOnlySpan<byte> key, int icvSize)
        : base(icvSize)
    {
        this.function = function;
        int stateSize = StateSize(function);
        int blockSize = BlockSize(function);
        states = new byte[2 * stateSize];

        Span<byte> padded = stackalloc byte[128];
        padded.Clear();
        if (key.Length > blockSize)
        {
            // RFC 2104 section 2: a key longer than the block is hashed first.
            Hash(function, key, padded);
        }
        else
        {
            key.CopyTo(padded);
        }

        try
        {
            fixed (byte* pad = padded)
            fixed (byte* both = states)
            {
                Xor(padded[..blockSize], 0x36);
                Absorb(function, both, pad, blockSize);
                Xor(padded[..blockSize], 0x36 ^ 0x5c);
                Absorb(function, both + stateSize, pad, blockSize);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    public override void Dispose()
    {
        disposed = true;
        CryptographicOperations.ZeroMemory(states);
    }

    internal static int StateSize(ShaFunction function) => function switch
    {
        ShaFunction.Sha1 => LibCryptoSymmetric.Sha1StateSize,
        ShaFunction.Sha256 => LibCryptoSymmetric.Sha256StateSize,
        _ => LibCryptoSymmetric.Sha512StateSize,
    };

    internal static int BlockSize(ShaFunction function) => function is ShaFunction.Sha1 or ShaFunction.Sha256 ? 64 : 128;

    internal static int DigestSize(ShaFunction function) => function switch
    {
        ShaFunction.Sha1 => 20,
        ShaFunction.Sha256 => 32,
        ShaFunction.Sha384 => 48,
        _ => 64,
    };

    protected override void Digest(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> digest)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int stateSize = StateSize(function);
        int digestSize = DigestSize(function);
        byte* scratch = stackalloc byte[MaxStateSize];
        try
        {
            fixed (byte* both = states)
            fixed (byte* output = digest)
            fixed (byte* input = data)
            fixed (byte* tail = trailer)
            {
                Buffer.MemoryCopy(both, scratch, MaxStateSize, stateSize);
                Update(function, scratch, input, data.Length);
                if (!trailer.IsEmpty)
                {
                    Update(function, scratch, tail, trailer.Length);
                }

                Final(function, output, scratch);
                Buffer.MemoryCopy(both + stateSize, scratch, MaxStateSize, stateSize);
                Update(function, scratch, output, digestSize);
                Final(function, output, scratch);
            }
        }
        finally
        {
            new Span<byte>(scratch, MaxStateSize).Clear();
        }
    }

    private static void Hash(ShaFunction function, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        byte* scratch = stackalloc byte[MaxStateSize];
        fixed (byte* input = data)
        fixed (byte* output = digest)
        {
            Init(function, scratch);
            Update(function, scratch, input, data.Length);
            Final(function, output, scratch);
        }
    }

    private static void Absorb(ShaFunction function, byte* state, byte* block, int length)
    {
        Init(function, state);
        Update(function, state, block, length);
    }

    private static void Xor(Span<byte> bytes, byte value)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= value;
        }
    }

    private static void Init(ShaFunction function, byte* state) => Check(function switch
    {
        ShaFunction.Sha1 => LibCryptoSymmetric.Sha1Init(state),
        ShaFunction.Sha256 => LibCryptoSymmetric.Sha256Init(state),
        ShaFunction.Sha384 => LibCryptoSymmetric.Sha384Init(state),
        _ => LibCryptoSymmetric.Sha512Init(state),
    });

    private static void Update(ShaFunction function, byte* state, byte* data, int length)
    {
        if (length == 0)
        {
            return;
        }

        Check(function switch
        {
            ShaFunction.Sha1 => LibCryptoSymmetric.Sha1Update(state, data, (nuint)length),
            ShaFunction.Sha256 => LibCryptoSymmetric.Sha256Update(state, data, (nuint)length),
            _ => LibCryptoSymmetric.Sha512Update(state, data, (nuint)length),
        });
    }

    private static void Final(ShaFunction function, byte* digest, byte* state) => Check(function switch
    {
        ShaFunction.Sha1 => LibCryptoSymmetric.Sha1Final(digest, state),
        ShaFunction.Sha256 => LibCryptoSymmetric.Sha256Final(digest, state),
        ShaFunction.Sha384 => LibCryptoSymmetric.Sha384Final(digest, state),
        _ => LibCryptoSymmetric.Sha512Final(digest, state),
    });

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new CryptographicException("libcrypto's SHA function failed.");
        }
    }
}
