using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Engine.Crypto.KeyExchange;

/// <summary>ECDH over the RFC 5903 groups (NIST P-256/384/521) through .NET's ECDiffieHellman (OpenSSL).</summary>
internal sealed class EcpKeyExchange : IKeyExchange
{
    private readonly ECCurve curve;
    private readonly int coordinateSize;
    private readonly ECDiffieHellman key;
    private readonly byte[] publicValue;

    public EcpKeyExchange(DiffieHellmanGroup group)
        : this(group, privateKey: null)
    {
    }

    /// <summary>With a given private scalar: known-answer tests only.</summary>
    internal EcpKeyExchange(DiffieHellmanGroup group, byte[]? privateKey)
    {
        Group = group;
        (curve, coordinateSize) = group switch
        {
            DiffieHellmanGroup.Ecp256 => (ECCurve.NamedCurves.nistP256, 32),
            DiffieHellmanGroup.Ecp384 => (ECCurve.NamedCurves.nistP384, 48),
            DiffieHellmanGroup.Ecp521 => (ECCurve.NamedCurves.nistP521, 66),
            _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Not an ECP group."),
        };
        key = privateKey is null
            ? ECDiffieHellman.Create(curve)
            : ECDiffieHellman.Create(new ECParameters { Curve = curve, D = privateKey });

        // RFC 5903 section 7: the KE payload carries x || y, each padded to the field size,
        // without SEC 1's 04 prefix.
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        publicValue = new byte[2 * coordinateSize];
        point.X.AsSpan().CopyTo(publicValue.AsSpan(coordinateSize - point.X!.Length));
        point.Y.AsSpan().CopyTo(publicValue.AsSpan(2 * coordinateSize - point.Y!.Length));
    }

    public DiffieHellmanGroup Group { get; }

    public int PublicValueSize => 2 * coordinateSize;

    public int SharedSecretSize => coordinateSize;

    public ReadOnlySpan<byte> PublicValue => publicValue;

    public bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicValue, [NotNullWhen(true)] out byte[]? sharedSecret)
    {
        sharedSecret = null;
        if (peerPublicValue.Length != 2 * coordinateSize)
        {
            return false;
        }

        var peerPoint = new ECPoint
        {
            X = peerPublicValue[..coordinateSize].ToArray(),
            Y = peerPublicValue[coordinateSize..].ToArray(),
        };
        try
        {
            // Importing checks that the point is on the curve (OpenSSL's EC_KEY_check_key).
            using var peer = ECDiffieHellman.Create(new ECParameters { Curve = curve, Q = peerPoint });

            // RFC 5903 section 9: the shared secret is the x coordinate of g^ir alone.
            sharedSecret = key.DeriveRawSecretAgreement(peer.PublicKey);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => key.Dispose();
}
