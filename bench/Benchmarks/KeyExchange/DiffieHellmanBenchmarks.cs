using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;

namespace IpSecPolicy.Benchmarks.KeyExchange;

/// <summary>
/// One side's Diffie-Hellman work per exchange through Engine.Crypto's registry: create an
/// ephemeral key pair (MODP: g^x with the engine's short exponent; ECP: OpenSSL key generation;
/// X25519: BouncyCastle) and derive g^xy from the peer's public value, including the peer value's
/// checks. Main Mode costs this once per side; Quick Mode with PFS once more.
/// </summary>
public class DiffieHellmanBenchmarks
{
    private byte[] peerPublicValue = [];

    [ParamsSource(nameof(Groups))]
    public DiffieHellmanGroup Group { get; set; } = DiffieHellmanGroup.Modp2048;

    public static IEnumerable<DiffieHellmanGroup> Groups =>
    [
        DiffieHellmanGroup.Modp1024,
        DiffieHellmanGroup.Modp2048,
        DiffieHellmanGroup.Modp3072,
        DiffieHellmanGroup.Modp4096,
        DiffieHellmanGroup.Ecp256,
        DiffieHellmanGroup.Ecp384,
        DiffieHellmanGroup.Ecp521,
        DiffieHellmanGroup.Curve25519,
    ];

    [GlobalSetup]
    public void Setup()
    {
        using var peer = Create();
        peerPublicValue = peer.PublicValue.ToArray();
        if (KeyPairAndDerive() is null)
        {
            throw new InvalidOperationException($"Group {Group} refuses a valid peer value.");
        }
    }

    [Benchmark]
    public byte[]? KeyPairAndDerive()
    {
        using var keyExchange = Create();
        return keyExchange.TryDeriveSharedSecret(peerPublicValue, out var secret) ? secret : null;
    }

    private IKeyExchange Create() =>
        KeyExchanges.TryCreate(Group, out var keyExchange)
            ? keyExchange
            : throw new InvalidOperationException($"Group {Group} is not implemented.");
}
