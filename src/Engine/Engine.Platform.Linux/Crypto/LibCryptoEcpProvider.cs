using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// ECP key exchanges (groups 19, 20, 21) over OpenSSL's libcrypto point arithmetic, for
/// <see cref="KeyExchanges.UseEcpProvider"/>. The engine host registers it at start with
/// <see cref="TryRegister"/>; where libcrypto 3 is missing or fails its self-test the engine keeps
/// .NET's ECDiffieHellman.
/// </summary>
/// <remarks>
/// Why: .NET's ECDiffieHellman imports and validates every peer value as a new key object (about
/// 0.5 ms per derive with group 19 on the 2-core reference machine), which made an IKE responder's
/// main mode with group 19 cost more than strongSwan's (docs/benchmarks.md, IKE setup rate).
/// </remarks>
public sealed class LibCryptoEcpProvider : IEcpKeyExchangeProvider
{
    private LibCryptoEcpProvider(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// The provider, after a self-test: for every group, two key pairs agree on a secret and a point
    /// off the curve is refused. Null (with the reason) when any of that fails. (The tests check the
    /// RFC 5903 vectors and agreement with .NET's implementation.)
    /// </summary>
    public static LibCryptoEcpProvider? TryCreate(out string? failure)
    {
        failure = null;
        try
        {
            foreach (var group in new[] { DiffieHellmanGroup.Ecp256, DiffieHellmanGroup.Ecp384, DiffieHellmanGroup.Ecp521 })
            {
                var curve = LibCryptoEcpGroup.For(group);
                using var a = new LibCryptoEcpKeyExchange(curve);
                using var b = new LibCryptoEcpKeyExchange(curve);
                var offCurve = a.PublicValue.ToArray();
                offCurve[^1] ^= 1;
                if (!a.TryDeriveSharedSecret(b.PublicValue, out var ab) || !b.TryDeriveSharedSecret(a.PublicValue, out var ba)
                    || !CryptographicOperations.FixedTimeEquals(ab, ba) || b.TryDeriveSharedSecret(offCurve, out _))
                {
                    failure = $"libcrypto's group {(int)group} key pairs failed the self-test.";
                    return null;
                }
            }

            return new LibCryptoEcpProvider($"OpenSSL libcrypto ({Marshal.PtrToStringUTF8(LibCrypto.Version(LibCrypto.VersionText))})");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CryptographicException)
        {
            failure = $"libcrypto is not usable: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Registers the provider with <see cref="KeyExchanges"/> if its self-test passes; false (and
    /// .NET's ECDiffieHellman stays) otherwise. The engine host calls this once at start.
    /// </summary>
    public static bool TryRegister()
    {
        var provider = TryCreate(out _);
        if (provider is not null)
        {
            KeyExchanges.UseEcpProvider(provider);
        }

        return provider is not null;
    }

    public IKeyExchange? Create(DiffieHellmanGroup group) =>
        LibCryptoEcpGroup.Serves(group) ? new LibCryptoEcpKeyExchange(LibCryptoEcpGroup.For(group)) : null;
}
