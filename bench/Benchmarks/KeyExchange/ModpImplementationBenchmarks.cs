using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;
using Engine.Platform.Linux.Crypto;

namespace IpSecPolicy.Benchmarks.KeyExchange;

/// <summary>
/// One side's MODP work per exchange (key pair, then g^xy from a peer value with its checks)
/// through <c>KeyExchanges.TryCreate</c>, with the managed implementation (BouncyCastle, the
/// default) against the libcrypto provider the engine host registers at start
/// (<c>LibCryptoModpProvider</c>). Both draw the same short exponents (RFC 3526 section 8).
/// </summary>
public class ModpImplementationBenchmarks
{
    public const string Managed = "managed";
    public const string LibCrypto = "libcrypto";

    private byte[] peerPublicValue = [];

    [ParamsSource(nameof(Groups))]
    public DiffieHellmanGroup Group { get; set; } = DiffieHellmanGroup.Modp2048;

    [Params(Managed, LibCrypto)]
    public string Implementation { get; set; } = Managed;

    public static IEnumerable<DiffieHellmanGroup> Groups =>
    [
        DiffieHellmanGroup.Modp768,
        DiffieHellmanGroup.Modp1024,
        DiffieHellmanGroup.Modp1536,
        DiffieHellmanGroup.Modp2048,
        DiffieHellmanGroup.Modp3072,
        DiffieHellmanGroup.Modp4096,
    ];

    [GlobalSetup]
    public void Setup()
    {
        // BenchmarkDotNet runs each case in a process of its own, so the process-wide switch is per case.
        KeyExchanges.UseModpProvider(null);
        if (Implementation == LibCrypto && !LibCryptoModpProvider.TryRegister())
        {
            throw new InvalidOperationException("The libcrypto MODP provider failed its self-test.");
        }

        using var peer = Create();
        peerPublicValue = peer.PublicValue.ToArray();
        if (KeyPairAndDerive() is null)
        {
            throw new InvalidOperationException($"Group {Group} refuses a valid peer value.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => KeyExchanges.UseModpProvider(null);

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
