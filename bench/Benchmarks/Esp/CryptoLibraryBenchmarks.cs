using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// The same primitive through the engine's System.Security.Cryptography transforms (OpenSSL
/// underneath) and through BouncyCastle, both behind Engine.Crypto's interfaces, where both
/// libraries have it: AES-GCM-16-256, AES-CBC-128 and HMAC-SHA-256-128. DESIGN.md lets the ESP hot
/// path take whichever measures faster; this is that measurement. Work is in place on a buffer of
/// <see cref="Size"/> bytes (a multiple of the AES block), no ESP framing; the GCM open first
/// copies the sealed bytes back (it must authenticate), the others work on whatever is there.
/// </summary>
public class CryptoLibraryBenchmarks
{
    public const string SystemLibrary = "System.Security.Cryptography";
    public const string BouncyCastleLibrary = "BouncyCastle";

    private readonly byte[] aad = new byte[8];
    private readonly byte[] icv = new byte[16];
    private readonly byte[] iv = new byte[16];
    private IAead aead = null!;
    private ICipher cipher = null!;
    private IIntegrity integrity = null!;
    private byte[] data = [];
    private byte[] sealedData = [];
    private byte[] sealedIcv = [];
    private ulong counter;

    [Params(SystemLibrary, BouncyCastleLibrary)]
    public string Library { get; set; } = SystemLibrary;

    [Params(64, 512, 1400, 9000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var gcmKey = RandomNumberGenerator.GetBytes(AeadAlgorithms.AesGcm16Key256.KeyMaterialSize);
        var cbcKey = RandomNumberGenerator.GetBytes(CipherAlgorithms.AesCbc128.KeySize);
        var hmacKey = RandomNumberGenerator.GetBytes(IntegrityAlgorithms.HmacSha256Icv128.KeySize);
        var bouncy = Library == BouncyCastleLibrary;
        aead = bouncy ? new BouncyCastleAesGcm(gcmKey) : AeadAlgorithms.AesGcm16Key256.Create(gcmKey);
        cipher = bouncy ? new BouncyCastleCbcCipher(cbcKey) : CipherAlgorithms.AesCbc128.Create(cbcKey);
        integrity = bouncy ? new BouncyCastleHmac(hmacKey) : IntegrityAlgorithms.HmacSha256Icv128.Create(hmacKey);

        // 1400 is not a multiple of 16: round up to the block, as ESP padding would.
        data = RandomNumberGenerator.GetBytes((Size + 15) / 16 * 16);
        var plaintext = data.AsSpan().ToArray();
        AesGcmSeal();
        sealedData = data.AsSpan().ToArray();
        sealedIcv = icv.AsSpan().ToArray();

        // Both libraries must agree with themselves before they are timed.
        if (!AesGcmOpen() || !data.AsSpan().SequenceEqual(plaintext))
        {
            throw new InvalidOperationException($"{Library} AES-GCM does not round-trip.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        aead.Dispose();
        cipher.Dispose();
        integrity.Dispose();
    }

    [Benchmark]
    public void AesGcmSeal()
    {
        BitConverter.TryWriteBytes(iv, ++counter);
        aead.Seal(aad, iv.AsSpan(0, 8), data, icv);
    }

    [Benchmark]
    public bool AesGcmOpen()
    {
        sealedData.CopyTo(data, 0);
        return aead.Open(aad, iv.AsSpan(0, 8), data, sealedIcv);
    }

    [Benchmark]
    public void AesCbcEncrypt() => cipher.Encrypt(iv, data);

    [Benchmark]
    public void AesCbcDecrypt() => cipher.Decrypt(iv, data);

    [Benchmark]
    public void HmacSha256() => integrity.Compute(data, icv);
}
