using System;
using System.Diagnostics.CodeAnalysis;
using Engine.Crypto.KeyExchange;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// ECDH over an RFC 5903 group (NIST P-256/384/521) with libcrypto's point arithmetic directly: the
/// same encodings and peer checks as Engine.Crypto's <c>EcpKeyExchange</c>, without building a .NET
/// key object for every peer value (about 0.5 ms per derive on the reference machine, which with
/// group 19 was most of an IKE responder's main mode; docs/benchmarks.md).
/// </summary>
/// <remarks>
/// RFC 6989 section 2.3 checks on the peer's value: exact length (x || y, RFC 5903 section 7), both
/// coordinates in [0, p-1], the point on the curve (which also excludes the point at infinity, not
/// representable in this encoding). The three curves have cofactor 1, so a point on the curve is in
/// the prime-order group and no further subgroup check is needed. The shared point must not be the
/// point at infinity; its x coordinate is the secret (RFC 5903 section 9). The private scalar is
/// uniform in [1, n-1] from OpenSSL's private DRBG, lives only in a libcrypto BIGNUM that
/// <see cref="Dispose"/> zeroes, and is used only through EC_POINT_mul with a single secret scalar
/// (OpenSSL's constant-time path). Not thread-safe, like every <see cref="IKeyExchange"/>.
/// </remarks>
internal sealed class LibCryptoEcpKeyExchange : IKeyExchange
{
    private readonly LibCryptoEcpGroup group;
    private readonly BigNumContextHandle context;
    private readonly BigNumHandle privateScalar;
    private readonly byte[] publicValue;

    public LibCryptoEcpKeyExchange(LibCryptoEcpGroup group)
        : this(group, privateScalar: null)
    {
    }

    /// <summary>With a given private scalar (big-endian): known-answer tests only.</summary>
    internal LibCryptoEcpKeyExchange(LibCryptoEcpGroup group, byte[]? privateScalar)
    {
        this.group = group;
        context = BigNumContextHandle.New();
        try
        {
            if (privateScalar is null)
            {
                this.privateScalar = BigNumHandle.New();
                do
                {
                    LibCryptoMath.Check(LibCryptoEc.PrivateRandomRange(this.privateScalar, group.Order), "BN_priv_rand_range");
                }
                while (LibCrypto.BitLength(this.privateScalar) == 0);
            }
            else
            {
                this.privateScalar = LibCryptoMath.FromBigEndian(privateScalar);
            }

            using var point = EcPointHandle.New(group.Curve);
            LibCryptoMath.Check(
                LibCryptoEc.MultiplyGenerator(group.Curve, point, this.privateScalar, IntPtr.Zero, IntPtr.Zero, context),
                "EC_POINT_mul");
            publicValue = new byte[2 * group.CoordinateSize];
            WriteCoordinates(point, publicValue, withY: true);
        }
        catch
        {
            this.privateScalar?.Dispose();
            context.Dispose();
            throw;
        }
    }

    public DiffieHellmanGroup Group => group.Group;

    public int PublicValueSize => 2 * group.CoordinateSize;

    public int SharedSecretSize => group.CoordinateSize;

    public ReadOnlySpan<byte> PublicValue => publicValue;

    /// <summary>True once <see cref="Dispose"/> has freed the private scalar and the scratch context.</summary>
    internal bool IsFreed => privateScalar.IsClosed && context.IsClosed;

    public bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicValue, [NotNullWhen(true)] out byte[]? sharedSecret)
    {
        sharedSecret = null;
        ObjectDisposedException.ThrowIf(privateScalar.IsClosed, this);
        var size = group.CoordinateSize;
        if (peerPublicValue.Length != 2 * size)
        {
            return false;
        }

        using var x = LibCryptoMath.FromBigEndian(peerPublicValue[..size]);
        using var y = LibCryptoMath.FromBigEndian(peerPublicValue[size..]);
        if (LibCrypto.Compare(x, group.FieldPrime) >= 0 || LibCrypto.Compare(y, group.FieldPrime) >= 0)
        {
            return false;
        }

        using var peer = EcPointHandle.New(group.Curve);
        if (LibCryptoEc.SetAffineCoordinates(group.Curve, peer, x, y, context) != 1)
        {
            // OpenSSL 3 refuses a point off the curve here already.
            LibCrypto.ClearErrors();
            return false;
        }

        if (LibCryptoEc.IsOnCurve(group.Curve, peer, context) != 1 || LibCryptoEc.IsAtInfinity(group.Curve, peer) != 0)
        {
            LibCrypto.ClearErrors();
            return false;
        }

        using var shared = EcPointHandle.New(group.Curve);
        LibCryptoMath.Check(
            LibCryptoEc.MultiplyPoint(group.Curve, shared, IntPtr.Zero, peer, privateScalar, context),
            "EC_POINT_mul");
        if (LibCryptoEc.IsAtInfinity(group.Curve, shared) != 0)
        {
            return false;
        }

        var secret = new byte[size];
        WriteCoordinates(shared, secret, withY: false);
        sharedSecret = secret;
        return true;
    }

    public void Dispose()
    {
        privateScalar.Dispose();
        context.Dispose();
    }

    /// <summary>x (and y) of <paramref name="point"/>, each padded to the coordinate size.</summary>
    private void WriteCoordinates(EcPointHandle point, Span<byte> destination, bool withY)
    {
        using var x = BigNumHandle.New();
        using var y = BigNumHandle.New();
        LibCryptoMath.Check(LibCryptoEc.GetAffineCoordinates(group.Curve, point, x, y, context), "EC_POINT_get_affine_coordinates");
        var size = group.CoordinateSize;
        LibCryptoMath.ToBigEndianPadded(x, destination[..size]);
        if (withY)
        {
            LibCryptoMath.ToBigEndianPadded(y, destination[size..(2 * size)]);
        }
    }
}
