using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// MODP key exchanges (groups 1, 2, 5, 14, 15, 16) over OpenSSL's libcrypto, for
/// <see cref="KeyExchanges.UseModpProvider"/>. The engine host registers it at start with
/// <see cref="TryRegister"/>; where libcrypto 3 is missing or fails its self-test the engine keeps
/// the managed implementation.
/// </summary>
/// <remarks>
/// Why: one side of a MODP 2048 exchange costs about 7-18 ms with the managed (BouncyCastle)
/// arithmetic on the 2-core reference machine and well under a millisecond in libcrypto, which
/// decides the IKE setup rate with DH 14 (docs/benchmarks.md). The ECP groups already go through
/// OpenSSL via System.Security.Cryptography.
/// </remarks>
public sealed class LibCryptoModpProvider : IModpKeyExchangeProvider
{
    private static readonly DiffieHellmanGroup[] ModpGroups =
    [
        DiffieHellmanGroup.Modp768, DiffieHellmanGroup.Modp1024, DiffieHellmanGroup.Modp1536,
        DiffieHellmanGroup.Modp2048, DiffieHellmanGroup.Modp3072, DiffieHellmanGroup.Modp4096,
    ];

    private LibCryptoModpProvider(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// The provider, after a self-test: libcrypto loads, its built-in RFC 2409/3526 primes equal
    /// Engine.Crypto's for every group, and two key pairs of group 2 agree on a secret. Null (with
    /// the reason) when any of that fails.
    /// </summary>
    public static LibCryptoModpProvider? TryCreate(out string? failure)
    {
        failure = null;
        try
        {
            foreach (var group in ModpGroups)
            {
                if (!ModpParameters.TryGet(group, out var parameters)
                    || !LibCryptoModpGroup.BuiltInPrime(group, parameters.Size).AsSpan().SequenceEqual(parameters.Prime))
                {
                    failure = $"libcrypto's prime for group {(int)group} differs from Engine.Crypto's.";
                    return null;
                }
            }

            ModpParameters.TryGet(DiffieHellmanGroup.Modp1024, out var test);
            var testGroup = LibCryptoModpGroup.For(test!);
            using var a = new LibCryptoModpKeyExchange(testGroup);
            using var b = new LibCryptoModpKeyExchange(testGroup);
            if (!a.TryDeriveSharedSecret(b.PublicValue, out var ab) || !b.TryDeriveSharedSecret(a.PublicValue, out var ba)
                || !CryptographicOperations.FixedTimeEquals(ab, ba))
            {
                failure = "libcrypto's key pairs did not agree in the self-test.";
                return null;
            }

            return new LibCryptoModpProvider($"OpenSSL libcrypto ({Marshal.PtrToStringUTF8(LibCrypto.Version(LibCrypto.VersionText))})");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CryptographicException)
        {
            failure = $"libcrypto is not usable: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Registers the provider with <see cref="KeyExchanges"/> if its self-test passes; false (and the
    /// managed MODP implementation stays) otherwise. The engine host calls this once at start.
    /// </summary>
    public static bool TryRegister()
    {
        var provider = TryCreate(out _);
        if (provider is not null)
        {
            KeyExchanges.UseModpProvider(provider);
        }

        return provider is not null;
    }

    public IKeyExchange? Create(ModpParameters parameters) =>
        Array.IndexOf(ModpGroups, parameters.Group) < 0 ? null : new LibCryptoModpKeyExchange(LibCryptoModpGroup.For(parameters));
}
