using System;
using System.Diagnostics.CodeAnalysis;
using Engine.Crypto.KeyExchange;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// Finite-field Diffie-Hellman over an RFC 2409/3526 group with OpenSSL's libcrypto: the same
/// encodings, exponent lengths and peer checks as Engine.Crypto's managed implementation, several
/// times faster (7-10x for group 14 on the reference machine: bench/Benchmarks, <c>ModpImplementationBenchmarks</c>).
/// </summary>
/// <remarks>
/// The private exponent is <see cref="ModpParameters.PrivateExponentBits"/> long (RFC 3526 section
/// 8; the same lengths the managed implementation draws), from OpenSSL's private DRBG
/// (<c>BN_priv_rand</c>), and is used only through <c>BN_mod_exp_mont_consttime</c>, the routine
/// OpenSSL's own DH uses for private exponents. It lives in a libcrypto BIGNUM that
/// <see cref="Dispose"/> (or the finalizer) zeroes and frees; no managed copy is kept. Not
/// thread-safe, like every <see cref="IKeyExchange"/>: one per exchange.
/// </remarks>
internal sealed class LibCryptoModpKeyExchange : IKeyExchange
{
    private readonly LibCryptoModpGroup group;
    private readonly BigNumContextHandle context;
    private readonly BigNumHandle privateExponent;
    private readonly byte[] publicValue;

    public LibCryptoModpKeyExchange(LibCryptoModpGroup group)
        : this(group, privateExponent: null)
    {
    }

    /// <summary>With a given private exponent (big-endian): known-answer tests only.</summary>
    internal LibCryptoModpKeyExchange(LibCryptoModpGroup group, byte[]? privateExponent)
    {
        this.group = group;
        context = BigNumContextHandle.New();
        try
        {
            if (privateExponent is null)
            {
                this.privateExponent = BigNumHandle.New();
                LibCryptoMath.Check(
                    LibCrypto.PrivateRandom(this.privateExponent, group.Parameters.PrivateExponentBits, LibCrypto.RandomTopOne, LibCrypto.RandomBottomAny),
                    "BN_priv_rand");
            }
            else
            {
                this.privateExponent = LibCryptoMath.FromBigEndian(privateExponent);
            }

            using var gx = BigNumHandle.New();
            LibCryptoMath.Check(
                LibCrypto.ModExpConstantTime(gx, group.Generator, this.privateExponent, group.Prime, context, group.Montgomery),
                "BN_mod_exp_mont_consttime");
            publicValue = new byte[group.Size];
            LibCryptoMath.ToBigEndianPadded(gx, publicValue);
        }
        catch
        {
            this.privateExponent?.Dispose();
            context.Dispose();
            throw;
        }
    }

    public DiffieHellmanGroup Group => group.Parameters.Group;

    public int PublicValueSize => group.Size;

    public int SharedSecretSize => group.Size;

    public ReadOnlySpan<byte> PublicValue => publicValue;

    /// <summary>Bits of the private exponent (for the tests of the RFC 3526 section 8 lengths).</summary>
    internal int PrivateExponentBitLength => LibCrypto.BitLength(privateExponent);

    /// <summary>True once <see cref="Dispose"/> has freed the private exponent and the scratch context.</summary>
    internal bool IsFreed => privateExponent.IsClosed && context.IsClosed;

    public bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicValue, [NotNullWhen(true)] out byte[]? sharedSecret)
    {
        sharedSecret = null;
        ObjectDisposedException.ThrowIf(privateExponent.IsClosed, this);
        if (peerPublicValue.Length != group.Size)
        {
            return false;
        }

        // RFC 6989 section 2.1: 1 < y < p-1. With these safe primes that rules out the only small
        // subgroup (order 2, {1, p-1}), as the managed implementation reasons too.
        using var peer = LibCryptoMath.FromBigEndian(peerPublicValue);
        if (LibCrypto.Compare(peer, group.One) <= 0 || LibCrypto.Compare(peer, group.PrimeMinusOne) >= 0)
        {
            return false;
        }

        using var shared = BigNumHandle.New();
        LibCryptoMath.Check(
            LibCrypto.ModExpConstantTime(shared, peer, privateExponent, group.Prime, context, group.Montgomery),
            "BN_mod_exp_mont_consttime");
        if (LibCrypto.Compare(shared, group.One) <= 0 || LibCrypto.Compare(shared, group.PrimeMinusOne) == 0)
        {
            return false;
        }

        // g^xy as long as the modulus, leading zeros kept (RFC 7296 section 2.14; strongSwan and
        // Windows do the same for IKEv1).
        var secret = new byte[group.Size];
        LibCryptoMath.ToBigEndianPadded(shared, secret);
        sharedSecret = secret;
        return true;
    }

    public void Dispose()
    {
        privateExponent.Dispose();
        context.Dispose();
    }
}
