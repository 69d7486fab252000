using System;
using Engine.Crypto.Aead;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// ESP AES-GCM-16 (RFC 4106) through BouncyCastle, behind Engine.Crypto's own <see cref="IAead"/>,
/// so the comparison with the System.Security.Cryptography transform is like for like.
/// <see cref="AesUtilities.CreateEngine"/> picks BouncyCastle's AES-NI engine where the CPU has it.
/// </summary>
public sealed class BouncyCastleAesGcm : IAead
{
    private const int SaltSize = 4;

    private readonly GcmBlockCipher gcm = new(AesUtilities.CreateEngine());
    private readonly KeyParameter key;

    // AeadParameters wants an array; reusing one keeps the per-packet allocation to what
    // BouncyCastle itself needs (the parameters object).
    private readonly byte[] nonce = new byte[12];
    private bool keyed;

    public BouncyCastleAesGcm(ReadOnlySpan<byte> keyMaterial)
    {
        key = new KeyParameter(keyMaterial[..^SaltSize]);
        keyMaterial[^SaltSize..].CopyTo(nonce);
    }

    public int IvSize => 8;

    public int IcvSize => 16;

    public void Seal(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, Span<byte> data, Span<byte> icv)
    {
        Init(forEncryption: true, iv);
        gcm.ProcessAadBytes(aad);
        var written = gcm.ProcessBytes(data, data);
        Span<byte> tail = stackalloc byte[data.Length - written + IcvSize];
        var final = gcm.DoFinal(tail);
        tail[..(final - IcvSize)].CopyTo(data[written..]);
        tail.Slice(final - IcvSize, IcvSize).CopyTo(icv);
    }

    public bool Open(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> iv, Span<byte> data, ReadOnlySpan<byte> icv)
    {
        Init(forEncryption: false, iv);
        gcm.ProcessAadBytes(aad);

        // BouncyCastle holds the last 16 bytes back as the possible tag, so its output trails its
        // input and decrypting in place is safe.
        var written = gcm.ProcessBytes(data, data);
        written += gcm.ProcessBytes(icv, data[written..]);
        try
        {
            gcm.DoFinal(data[written..]);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }
    }

    public void Dispose()
    {
    }

    private void Init(bool forEncryption, ReadOnlySpan<byte> iv)
    {
        iv.CopyTo(nonce.AsSpan(SaltSize));

        // The key only the first time: a null key keeps the expanded key and the GHASH tables,
        // as an SA would (BouncyCastle still refuses a repeated nonce for encryption).
        gcm.Init(forEncryption, new AeadParameters(keyed ? null : key, IcvSize * 8, nonce, null));
        keyed = true;
    }
}
