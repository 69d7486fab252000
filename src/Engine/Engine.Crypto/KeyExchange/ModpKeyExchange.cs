using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace Engine.Crypto.KeyExchange;

/// <summary>Finite-field Diffie-Hellman over an RFC 2409/3526 group, with BouncyCastle arithmetic.</summary>
internal sealed class ModpKeyExchange : IKeyExchange
{
    private readonly ModpGroup group;
    private readonly BigInteger privateExponent;
    private readonly byte[] publicValue;

    public ModpKeyExchange(ModpGroup group)
        : this(group, NewPrivateExponent(group.PrivateExponentBits))
    {
    }

    /// <summary>With a given private exponent: known-answer tests only.</summary>
    internal ModpKeyExchange(ModpGroup group, BigInteger privateExponent)
    {
        this.group = group;
        this.privateExponent = privateExponent;
        publicValue = BigIntegers.AsUnsignedByteArray(group.Size, group.Generator.ModPow(privateExponent, group.Prime));
    }

    public DiffieHellmanGroup Group => group.Group;

    public int PublicValueSize => group.Size;

    public int SharedSecretSize => group.Size;

    public ReadOnlySpan<byte> PublicValue => publicValue;

    public bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicValue, [NotNullWhen(true)] out byte[]? sharedSecret)
    {
        sharedSecret = null;
        if (peerPublicValue.Length != group.Size)
        {
            return false;
        }

        // RFC 6989 section 2.1: 1 < y < p-1. With these safe primes that rules out the only
        // small subgroup (order 2, {1, p-1}), so no further subgroup check is needed.
        var peer = new BigInteger(1, peerPublicValue);
        var pMinusOne = group.Prime.Subtract(BigInteger.One);
        if (peer.CompareTo(BigInteger.One) <= 0 || peer.CompareTo(pMinusOne) >= 0)
        {
            return false;
        }

        var shared = peer.ModPow(privateExponent, group.Prime);
        if (shared.CompareTo(BigInteger.One) <= 0 || shared.Equals(pMinusOne))
        {
            return false;
        }

        // g^xy as long as the modulus (leading zeros kept), as RFC 7296 section 2.14 spells out
        // and strongSwan and Windows do for IKEv1 too.
        sharedSecret = BigIntegers.AsUnsignedByteArray(group.Size, shared);
        return true;
    }

    public void Dispose()
    {
        // BouncyCastle's BigInteger is immutable and cannot be wiped; the exponent goes with the GC.
    }

    private static BigInteger NewPrivateExponent(int bits)
    {
        Span<byte> random = stackalloc byte[(bits + 7) / 8];
        RandomNumberGenerator.Fill(random);
        var exponent = new BigInteger(1, random);
        CryptographicOperations.ZeroMemory(random);

        // Exactly `bits` long: drop the excess high bits, then set the top one.
        return exponent.ShiftRight(random.Length * 8 - bits).SetBit(bits - 1);
    }
}
