using System;
using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Utilities;

namespace Engine.Crypto.KeyExchange;

/// <summary>
/// A MODP group as a provider outside Engine.Crypto needs it: the prime as big-endian bytes, the
/// generator and the private exponent length this engine draws (see <see cref="ModpGroup"/> for
/// the RFC 3526 section 8 choice). Immutable; one instance per group.
/// </summary>
public sealed class ModpParameters
{
    private static readonly ModpParameters[] All =
    [
        new(ModpGroup.Modp768),
        new(ModpGroup.Modp1024),
        new(ModpGroup.Modp1536),
        new(ModpGroup.Modp2048),
        new(ModpGroup.Modp3072),
        new(ModpGroup.Modp4096),
    ];

    private readonly byte[] prime;

    private ModpParameters(ModpGroup group)
    {
        Group = group.Group;
        Size = group.Size;
        prime = BigIntegers.AsUnsignedByteArray(group.Size, group.Prime);
        Generator = group.Generator.IntValue;
        PrivateExponentBits = group.PrivateExponentBits;
    }

    /// <summary>The group's IANA number.</summary>
    public DiffieHellmanGroup Group { get; }

    /// <summary>The prime modulus, big-endian, <see cref="Size"/> bytes (RFC 2409 section 6, RFC 3526).</summary>
    public ReadOnlySpan<byte> Prime => prime;

    /// <summary>The generator (2 for every group here).</summary>
    public int Generator { get; }

    /// <summary>Bits of the private exponents to draw: exactly this long, top bit set.</summary>
    public int PrivateExponentBits { get; }

    /// <summary>Bytes of the modulus, to which public values and g^xy are padded.</summary>
    public int Size { get; }

    /// <summary>The parameters of <paramref name="group"/>; false when it is not a MODP group this engine implements.</summary>
    public static bool TryGet(DiffieHellmanGroup group, [NotNullWhen(true)] out ModpParameters? parameters)
    {
        parameters = Array.Find(All, candidate => candidate.Group == group);
        return parameters is not null;
    }
}
