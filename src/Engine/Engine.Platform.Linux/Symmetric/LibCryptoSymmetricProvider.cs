using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;

namespace Engine.Platform.Linux.Symmetric;

/// <summary>
/// AES-CBC and HMAC-SHA-1/SHA-2 for ESP and IKE on OpenSSL's libcrypto directly, for
/// <see cref="CipherAlgorithms.UseProvider"/> and <see cref="IntegrityAlgorithms.UseProvider"/>. The
/// engine host registers it at start with <see cref="TryRegister"/>; where libcrypto 3 is missing or
/// fails the self-test, System.Security.Cryptography stays (3DES, DES, NULL, HMAC-MD5 and AES-GCM
/// always use it).
/// </summary>
/// <remarks>
/// Why: memory per SA. A VPN gateway with 10,000 L2TP/IPsec sessions holds 20,000 ESP SAs and
/// 10,000 ISAKMP SAs; through .NET each AES context carried about 0.4 KB of managed wrappers and each
/// HMAC an OpenSSL HMAC context of about 1 KB native plus 0.2 KB managed (bench/results/vpn-sessions.md).
/// Here an AES-CBC cipher is one object, one array and its EVP context, and an HMAC one object and one
/// array of two hash states.
/// </remarks>
public sealed partial class LibCryptoSymmetricProvider : ICipherProvider, IIntegrityProvider
{
    private readonly nint aes128;
    private readonly nint aes192;
    private readonly nint aes256;

    private LibCryptoSymmetricProvider(string name, nint aes128, nint aes192, nint aes256)
    {
        Name = name;
        this.aes128 = aes128;
        this.aes192 = aes192;
        this.aes256 = aes256;
    }

    public string Name { get; }

    /// <summary>
    /// The provider, after a self-test against System.Security.Cryptography: every AES key size
    /// encrypts and decrypts a random multi-block message as .NET's CBC does, across two calls (so the
    /// chaining with a fresh IV per call is checked too), and every HMAC agrees with .NET's for a short
    /// and an over-long key. Null (with the reason) when any of that fails. (The tests check the NIST
    /// and RFC vectors.)
    /// </summary>
    public static LibCryptoSymmetricProvider? TryCreate(out string? failure)
    {
        failure = null;
        try
        {
            var ciphers = new nint[3];
            string[] names = ["AES-128-CBC", "AES-192-CBC", "AES-256-CBC"];
            for (var i = 0; i < names.Length; i++)
            {
                // Fetched once for the process: an EVP_CIPHER is shared by every context keyed from it.
                ciphers[i] = LibCryptoSymmetric.CipherFetch(0, names[i], null);
                if (ciphers[i] == 0)
                {
                    failure = $"libcrypto has no {names[i]}.";
                    return null;
                }

                if (!AesAgreesWithDotNet(ciphers[i], 16 + (8 * i)))
                {
                    failure = $"libcrypto's {names[i]} failed the self-test.";
                    return null;
                }
            }

            foreach (var function in Enum.GetValues<ShaFunction>())
            {
                if (!HmacAgreesWithDotNet(function, 20) || !HmacAgreesWithDotNet(function, 200))
                {
                    failure = $"libcrypto's {function} failed the HMAC self-test.";
                    return null;
                }
            }

            return new LibCryptoSymmetricProvider(
                $"OpenSSL libcrypto ({Marshal.PtrToStringUTF8(OpenSslVersion(0))})", ciphers[0], ciphers[1], ciphers[2]);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CryptographicException)
        {
            failure = $"libcrypto is not usable: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Registers the provider for ciphers and integrity if its self-test passes; false (and
    /// System.Security.Cryptography stays) otherwise. The engine host calls this once at start.
    /// </summary>
    public static bool TryRegister()
    {
        var provider = TryCreate(out _);
        if (provider is not null)
        {
            CipherAlgorithms.UseProvider(provider);
            IntegrityAlgorithms.UseProvider(provider);
        }

        return provider is not null;
    }

    public ICipher? Create(CipherAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        nint cipher = ReferenceEquals(algorithm, CipherAlgorithms.AesCbc128) ? aes128
            : ReferenceEquals(algorithm, CipherAlgorithms.AesCbc192) ? aes192
            : ReferenceEquals(algorithm, CipherAlgorithms.AesCbc256) ? aes256
            : 0;
        return cipher == 0 || key.Length != algorithm.KeySize ? null : new LibCryptoAesCbc(cipher, key);
    }

    public IIntegrity? Create(IntegrityAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        ShaFunction? function = algorithm.Hash.Name switch
        {
            "SHA1" => ShaFunction.Sha1,
            "SHA256" => ShaFunction.Sha256,
            "SHA384" => ShaFunction.Sha384,
            "SHA512" => ShaFunction.Sha512,
            _ => null,
        };
        return function is { } f && algorithm.IcvSize <= LibCryptoHmac.DigestSize(f) ? new LibCryptoHmac(f, key, algorithm.IcvSize) : null;
    }

    [LibraryImport(LibCryptoSymmetric.Library, EntryPoint = "OpenSSL_version")]
    private static partial nint OpenSslVersion(int type);

    private static bool AesAgreesWithDotNet(nint cipher, int keySize)
    {
        var key = RandomNumberGenerator.GetBytes(keySize);
        var iv1 = RandomNumberGenerator.GetBytes(16);
        var iv2 = RandomNumberGenerator.GetBytes(16);
        var message = RandomNumberGenerator.GetBytes(64);
        using var aes = Aes.Create();
        aes.Key = key;
        var expected1 = aes.EncryptCbc(message, iv1, PaddingMode.None);
        var expected2 = aes.EncryptCbc(message, iv2, PaddingMode.None);

        using var ours = new LibCryptoAesCbc(cipher, key);
        var first = (byte[])message.Clone();
        var second = (byte[])message.Clone();
        ours.Encrypt(iv1, first);
        ours.Encrypt(iv2, second);
        if (!first.AsSpan().SequenceEqual(expected1) || !second.AsSpan().SequenceEqual(expected2))
        {
            return false;
        }

        ours.Decrypt(iv1, first);
        ours.Decrypt(iv2, second);
        return first.AsSpan().SequenceEqual(message) && second.AsSpan().SequenceEqual(message);
    }

    private static bool HmacAgreesWithDotNet(ShaFunction function, int keySize)
    {
        var key = RandomNumberGenerator.GetBytes(keySize);
        var message = RandomNumberGenerator.GetBytes(300);
        var trailer = RandomNumberGenerator.GetBytes(4);
        var whole = new byte[message.Length + trailer.Length];
        message.CopyTo(whole, 0);
        trailer.CopyTo(whole, message.Length);
        var name = function switch
        {
            ShaFunction.Sha1 => HashAlgorithmName.SHA1,
            ShaFunction.Sha256 => HashAlgorithmName.SHA256,
            ShaFunction.Sha384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        var expected = CryptographicOperations.HmacData(name, key, whole);
        int size = LibCryptoHmac.DigestSize(function);
        using var ours = new LibCryptoHmac(function, key, size);
        var icv = new byte[size];
        ours.Compute(message, trailer, icv);
        return icv.AsSpan().SequenceEqual(expected) && ours.Verify(whole, expected) && !ours.Verify(message, expected);
    }
}
