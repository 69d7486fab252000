using System;
using System.Security.Cryptography;

namespace Engine.Crypto.Aead;

/// <summary>
/// ESP AES-GCM (RFC 4106) over System.Security.Cryptography.AesGcm (OpenSSL, AES-NI and
/// carry-less multiply): nonce = salt(4) || explicit IV(8), in-place, allocation-free.
/// </summary>
internal sealed class AesGcmAead : IAead
{
    private const int SaltSize = 4;
    private const int NonceSize = 12;

    private readonly AesGcm gcm;
    private readonly byte[] salt = new byte[SaltSize];

    public AesGcmAead(byte[] keyMaterial, int icvSize)
    {
        var keySize = keyMaterial.Length - SaltSize;
        gcm = new AesGcm(keyMaterial.AsSpan(0, keySize), icvSize);
        keyMaterial.AsSpan(keySize).CopyTo(salt);
        IcvSize = icvSize;
        CryptographicOperations.ZeroMemory(keyMaterial);
    }

    public int IvSize => NonceSize - SaltSize;

    public int IcvSize { get; }

    public void Seal(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, Span<byte> data, Span<byte> icv)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        BuildNonce(iv, nonce);
        gcm.Encrypt(nonce, data, data, icv[..IcvSize], aad);
    }

    public bool Open(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        if (icv.Length != IcvSize)
        {
            return false;
        }

        Span<byte> nonce = stackalloc byte[NonceSize];
        BuildNonce(iv, nonce);
        try
        {
            gcm.Decrypt(nonce, data, icv, data, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm has no non-throwing decrypt; forged packets take this (slower) path only
            // after the data plane's replay check has let them through.
            return false;
        }
    }

    public void Dispose() => gcm.Dispose();

    private void BuildNonce(ReadOnlySpan<byte> iv, Span<byte> nonce)
    {
        if (iv.Length != IvSize)
        {
            throw new ArgumentException($"ESP AES-GCM takes an {IvSize}-byte IV, not {iv.Length} bytes.", nameof(iv));
        }

        salt.CopyTo(nonce);
        iv.CopyTo(nonce[SaltSize..]);
    }
}
