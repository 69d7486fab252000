using System;
using System.Collections.Concurrent;
using Engine.Crypto.KeyExchange;

namespace Engine.Platform.Linux.Crypto;

/// <summary>
/// An RFC 5903 group in libcrypto's terms: the named curve, its field prime p and the base point's
/// order n, built once per group and kept for the life of the process. Key exchanges only read it
/// (EC_POINT_mul and the coordinate calls take the group as const), so sharing across threads is safe.
/// </summary>
internal sealed class LibCryptoEcpGroup
{
    private static readonly ConcurrentDictionary<DiffieHellmanGroup, LibCryptoEcpGroup> Groups = new();

    private LibCryptoEcpGroup(DiffieHellmanGroup group, int nid, int coordinateSize)
    {
        Group = group;
        CoordinateSize = coordinateSize;
        Curve = EcGroupHandle.ForCurve(nid);
        FieldPrime = BigNumHandle.New();
        using var context = BigNumContextHandle.New();
        LibCryptoMath.Check(LibCryptoEc.GroupGetCurve(Curve, FieldPrime, IntPtr.Zero, IntPtr.Zero, context), "EC_GROUP_get_curve");
        Order = LibCryptoEc.GroupOrder(Curve);
        if (Order == IntPtr.Zero)
        {
            LibCrypto.ClearErrors();
            throw new System.Security.Cryptography.CryptographicException("libcrypto EC_GROUP_get0_order failed.");
        }
    }

    public DiffieHellmanGroup Group { get; }

    /// <summary>Bytes of one coordinate (and of the shared secret): 32, 48 or 66.</summary>
    public int CoordinateSize { get; }

    public EcGroupHandle Curve { get; }

    /// <summary>p: peer coordinates must lie in [0, p-1] (RFC 6989 section 2.3).</summary>
    public BigNumHandle FieldPrime { get; }

    /// <summary>n, owned by <see cref="Curve"/> (private scalars are drawn from [1, n-1]).</summary>
    public nint Order { get; }

    /// <summary>True for the groups this class serves (19, 20, 21).</summary>
    public static bool Serves(DiffieHellmanGroup group) =>
        group is DiffieHellmanGroup.Ecp256 or DiffieHellmanGroup.Ecp384 or DiffieHellmanGroup.Ecp521;

    /// <summary>The shared instance for <paramref name="group"/>.</summary>
    public static LibCryptoEcpGroup For(DiffieHellmanGroup group) => Groups.GetOrAdd(group, static g => g switch
    {
        DiffieHellmanGroup.Ecp256 => new LibCryptoEcpGroup(g, LibCryptoEc.Prime256, 32),
        DiffieHellmanGroup.Ecp384 => new LibCryptoEcpGroup(g, LibCryptoEc.Prime384, 48),
        DiffieHellmanGroup.Ecp521 => new LibCryptoEcpGroup(g, LibCryptoEc.Prime521, 66),
        _ => throw new ArgumentOutOfRangeException(nameof(group), g, "Not an ECP group."),
    });
}
