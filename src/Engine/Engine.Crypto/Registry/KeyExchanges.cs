using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Engine.Crypto.KeyExchange;

namespace Engine.Crypto.Registry;

/// <summary>Diffie-Hellman key pairs by group number. Thread-safe.</summary>
public static class KeyExchanges
{
    /// <summary>The name <see cref="ModpImplementation"/> gives the managed (BouncyCastle) MODP implementation.</summary>
    public const string ManagedModpName = "managed (BouncyCastle)";

    /// <summary>The name <see cref="EcpImplementation"/> gives Engine.Crypto's own ECP implementation.</summary>
    public const string ManagedEcpName = ".NET ECDiffieHellman";

    private static IModpKeyExchangeProvider? modpProvider;
    private static IEcpKeyExchangeProvider? ecpProvider;

    /// <summary>Names what creates MODP key pairs: the registered provider, else the managed implementation.</summary>
    public static string ModpImplementation => Volatile.Read(ref modpProvider)?.Name ?? ManagedModpName;

    /// <summary>Names what creates ECP (groups 19-21) key pairs: the registered provider, else .NET's ECDiffieHellman.</summary>
    public static string EcpImplementation => Volatile.Read(ref ecpProvider)?.Name ?? ManagedEcpName;

    /// <summary>True when <paramref name="group"/> can be negotiated.</summary>
    public static bool IsSupported(DiffieHellmanGroup group) =>
        // The enum lists exactly the implemented groups.
        Enum.IsDefined(group);

    /// <summary>
    /// Makes <paramref name="provider"/> create the MODP key pairs from now on (groups it declines
    /// stay managed); null goes back to the managed implementation. The host calls this once at
    /// start; exchanges already under way keep the key pairs they have.
    /// </summary>
    public static void UseModpProvider(IModpKeyExchangeProvider? provider) => Volatile.Write(ref modpProvider, provider);

    /// <summary>
    /// Makes <paramref name="provider"/> create the ECP key pairs (groups 19, 20, 21) from now on;
    /// null goes back to .NET's ECDiffieHellman. The host calls this once at start.
    /// </summary>
    public static void UseEcpProvider(IEcpKeyExchangeProvider? provider) => Volatile.Write(ref ecpProvider, provider);

    /// <summary>
    /// A fresh ephemeral key pair in <paramref name="group"/>; false for a group number this engine
    /// does not implement (a peer may send any number).
    /// </summary>
    public static bool TryCreate(DiffieHellmanGroup group, [NotNullWhen(true)] out IKeyExchange? keyExchange)
    {
        keyExchange = group switch
        {
            DiffieHellmanGroup.Modp768 => Modp(group, ModpGroup.Modp768),
            DiffieHellmanGroup.Modp1024 => Modp(group, ModpGroup.Modp1024),
            DiffieHellmanGroup.Modp1536 => Modp(group, ModpGroup.Modp1536),
            DiffieHellmanGroup.Modp2048 => Modp(group, ModpGroup.Modp2048),
            DiffieHellmanGroup.Modp3072 => Modp(group, ModpGroup.Modp3072),
            DiffieHellmanGroup.Modp4096 => Modp(group, ModpGroup.Modp4096),
            DiffieHellmanGroup.Ecp256 or DiffieHellmanGroup.Ecp384 or DiffieHellmanGroup.Ecp521 => Ecp(group),
            DiffieHellmanGroup.Curve25519 => new Curve25519KeyExchange(),
            _ => null,
        };
        return keyExchange is not null;
    }

    private static IKeyExchange Ecp(DiffieHellmanGroup group) =>
        Volatile.Read(ref ecpProvider)?.Create(group) ?? new EcpKeyExchange(group);

    private static IKeyExchange Modp(DiffieHellmanGroup group, ModpGroup managed)
    {
        if (Volatile.Read(ref modpProvider) is { } provider
            && ModpParameters.TryGet(group, out var parameters)
            && provider.Create(parameters) is { } provided)
        {
            return provided;
        }

        return new ModpKeyExchange(managed);
    }
}
