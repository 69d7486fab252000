using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Engine.Crypto.Ikev1;
using Engine.Crypto.Prf;
using Engine.Crypto.Registry;

namespace IpSecPolicy.Benchmarks.KeyDerivation;

/// <summary>
/// IKEv1 key derivation (RFC 2409 section 5) with the HMAC PRF of SHA-1 and of SHA-256:
/// <list type="bullet">
/// <item>Phase 1: SKEYID for a pre-shared key, then SKEYID_d, SKEYID_a, SKEYID_e and an AES-256
/// key (with SHA-1, SKEYID_e is 20 bytes, so the key takes appendix B's expansion).</item>
/// <item>Quick Mode: KEYMAT for the two SAs of one negotiation (inbound and outbound SPI), each
/// AES-CBC-256 plus HMAC-SHA-256-128 keys, 64 bytes, expanded K1 | K2 | ...; no PFS.</item>
/// </list>
/// g^xy is 256 bytes (MODP 2048), nonces 32 bytes.
/// </summary>
public class Ikev1KeyDerivationBenchmarks
{
    private const int EspKeyMaterialSize = 32 + 32;
    private const byte ProtocolEsp = 3;

    private readonly byte[] preSharedKey = RandomNumberGenerator.GetBytes(24);
    private readonly byte[] initiatorNonce = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] responderNonce = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] sharedSecret = RandomNumberGenerator.GetBytes(256);
    private readonly byte[] initiatorCookie = RandomNumberGenerator.GetBytes(8);
    private readonly byte[] responderCookie = RandomNumberGenerator.GetBytes(8);
    private IPrf prf = null!;
    private byte[] skeyidD = [];

    [Params(Ikev1HashAlgorithm.Sha1, Ikev1HashAlgorithm.Sha256)]
    public Ikev1HashAlgorithm Hash { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        prf = Ikev1Algorithms.TryGetPrf(Hash, out var found) ? found : throw new InvalidOperationException($"No PRF for {Hash}.");
        skeyidD = Phase1().SkeyidD;
    }

    [Benchmark]
    public Ikev1Phase1Keys Phase1()
    {
        var skeyid = Ikev1Skeyid.ForPreSharedKey(prf, preSharedKey, initiatorNonce, responderNonce);
        return Ikev1KeyDerivation.DerivePhase1(prf, skeyid, sharedSecret, initiatorCookie, responderCookie, encryptionKeySize: 32);
    }

    [Benchmark]
    public byte[] QuickModeKeymat()
    {
        var inbound = Ikev1KeyDerivation.QuickModeKeyMaterial(prf, skeyidD, [], ProtocolEsp, 0xc0ffee01, initiatorNonce, responderNonce, EspKeyMaterialSize);
        var outbound = Ikev1KeyDerivation.QuickModeKeyMaterial(prf, skeyidD, [], ProtocolEsp, 0xc0ffee02, initiatorNonce, responderNonce, EspKeyMaterialSize);
        return inbound.Length > outbound.Length ? inbound : outbound;
    }
}
