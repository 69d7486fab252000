using System;

namespace Engine.Crypto.Ciphers;

/// <summary>ESP NULL encryption (RFC 2410): integrity-only SAs; block size 1, no IV.</summary>
internal sealed class NullCipher : ICipher
{
    public int BlockSize => 1;

    public int IvSize => 0;

    public void Encrypt(ReadOnlySpan<byte> iv, Span<byte> data) => RequireNoIv(iv);

    public void Decrypt(ReadOnlySpan<byte> iv, Span<byte> data) => RequireNoIv(iv);

    public void Dispose()
    {
    }

    private static void RequireNoIv(ReadOnlySpan<byte> iv)
    {
        if (!iv.IsEmpty)
        {
            throw new ArgumentException("NULL encryption takes no IV.", nameof(iv));
        }
    }
}
