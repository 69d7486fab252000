using System;
using System.Diagnostics.CodeAnalysis;
using Engine.Crypto.KeyExchange;

namespace Engine.Crypto.Registry;

/// <summary>Diffie-Hellman key pairs by group number. Thread-safe.</summary>
public static class KeyExchanges
{
    /// <summary>True when <paramref name="group"/> can be negotiated.</summary>
    public static bool IsSupported(DiffieHellmanGroup group) =>
        // The enum lists exactly the implemented groups.
        Enum.IsDefined(group);

    /// <summary>
    /// A fresh ephemeral key pair in <paramref name="group"/>; false for a group number this engine
    /// does not implement (a peer may send any number).
    /// </summary>
    public static bool TryCreate(DiffieHellmanGroup group, [NotNullWhen(true)] out IKeyExchange? keyExchange)
    {
        keyExchange = group switch
        {
            DiffieHellmanGroup.Modp768 => new ModpKeyExchange(ModpGroup.Modp768),
            DiffieHellmanGroup.Modp1024 => new ModpKeyExchange(ModpGroup.Modp1024),
            DiffieHellmanGroup.Modp1536 => new ModpKeyExchange(ModpGroup.Modp1536),
            DiffieHellmanGroup.Modp2048 => new ModpKeyExchange(ModpGroup.Modp2048),
            DiffieHellmanGroup.Modp3072 => new ModpKeyExchange(ModpGroup.Modp3072),
            DiffieHellmanGroup.Modp4096 => new ModpKeyExchange(ModpGroup.Modp4096),
            DiffieHellmanGroup.Ecp256 or DiffieHellmanGroup.Ecp384 or DiffieHellmanGroup.Ecp521 => new EcpKeyExchange(group),
            DiffieHellmanGroup.Curve25519 => new Curve25519KeyExchange(),
            _ => null,
        };
        return keyExchange is not null;
    }
}
