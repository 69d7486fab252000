using System;
using System.Diagnostics.CodeAnalysis;

namespace Engine.Crypto.KeyExchange;

/// <summary>
/// One ephemeral Diffie-Hellman key pair for one exchange (main mode, or quick mode with PFS),
/// speaking IKE's encodings: MODP values as big-endian integers padded to the modulus length,
/// ECP values as x || y without the SEC 1 <c>04</c> prefix and the x coordinate alone as the
/// shared secret (RFC 5903 sections 7 and 9), Curve25519 as RFC 8031's 32-byte strings.
/// </summary>
/// <remarks>
/// Not thread-safe; create one per exchange and dispose it once the shared secret is derived.
/// </remarks>
public interface IKeyExchange : IDisposable
{
    /// <summary>The group this key pair belongs to.</summary>
    DiffieHellmanGroup Group { get; }

    /// <summary>Bytes of a public value in a KE payload (both ours and the peer's).</summary>
    int PublicValueSize { get; }

    /// <summary>Bytes of the shared secret g^xy.</summary>
    int SharedSecretSize { get; }

    /// <summary>Our public value, ready for the KE payload.</summary>
    ReadOnlySpan<byte> PublicValue { get; }

    /// <summary>
    /// Derives g^xy from the peer's KE payload value. Returns false when the value is malformed
    /// or unsafe (wrong length, out of range, not on the curve, a small-order point), which IKE
    /// answers as an invalid KE payload.
    /// </summary>
    bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicValue, [NotNullWhen(true)] out byte[]? sharedSecret);
}
