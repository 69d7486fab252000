using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;

namespace Engine.Crypto.KeyExchange;

/// <summary>X25519 (RFC 7748) as IKE group 31 (RFC 8031), with BouncyCastle.</summary>
internal sealed class Curve25519KeyExchange : IKeyExchange
{
    private const int Size = 32;

    private readonly X25519PrivateKeyParameters privateKey;
    private readonly byte[] publicValue;

    public Curve25519KeyExchange()
        : this(RandomNumberGenerator.GetBytes(Size))
    {
    }

    /// <summary>With a given private key (clamped by X25519 itself): known-answer tests only.</summary>
    internal Curve25519KeyExchange(byte[] privateKey)
    {
        this.privateKey = new X25519PrivateKeyParameters(privateKey);
        CryptographicOperations.ZeroMemory(privateKey);
        publicValue = this.privateKey.GeneratePublicKey().GetEncoded();
    }

    public DiffieHellmanGroup Group => DiffieHellmanGroup.Curve25519;

    public int PublicValueSize => Size;

    public int SharedSecretSize => Size;

    public ReadOnlySpan<byte> PublicValue => publicValue;

    public bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicValue, [NotNullWhen(true)] out byte[]? sharedSecret)
    {
        sharedSecret = null;
        if (peerPublicValue.Length != Size)
        {
            return false;
        }

        var agreement = new X25519Agreement();
        agreement.Init(privateKey);
        var secret = new byte[Size];
        try
        {
            agreement.CalculateAgreement(new X25519PublicKeyParameters(peerPublicValue), secret, 0);
        }
        catch (InvalidOperationException)
        {
            // BouncyCastle refuses an all-zero result itself.
            return false;
        }

        // RFC 8031 section 2: an all-zero secret means a small-order peer value; refuse it.
        // Checked here as well so that the rule does not rest on the library's behaviour.
        Span<byte> zero = stackalloc byte[Size];
        if (CryptographicOperations.FixedTimeEquals(secret, zero))
        {
            return false;
        }

        sharedSecret = secret;
        return true;
    }

    public void Dispose()
    {
        // The BouncyCastle key object keeps its own copy, which it does not expose for wiping.
    }
}
