using System.Net;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.Ike.Selectors;

namespace Engine.Ike.Kernel;

/// <summary>
/// One finished IPsec SA in one direction, as IKE hands it to the data plane (strongSwan's
/// kernel_ipsec_add_sa_t, wireguard-go's keypair): addresses, SPI, transforms with their keys,
/// the traffic it protects and its byte limits. Time limits are kept by IKE itself (scheduled
/// jobs), byte and packet counts by the data plane, which reports them with
/// <see cref="IkeEngine.OnKernelSaExpired"/>.
/// <see cref="ToString"/> never shows keys.
/// </summary>
public sealed class KernelSa
{
    public required KernelSaId Id { get; init; }

    public required SaDirection Direction { get; init; }

    /// <summary>Outer source address (ours for outbound, the peer's for inbound).</summary>
    public required IPAddress Source { get; init; }

    /// <summary>Outer destination address; the same as <see cref="KernelSaId.Destination"/>.</summary>
    public IPAddress Destination => Id.Destination;

    public required IpsecMode Mode { get; init; }

    /// <summary>Set when ESP travels in UDP (NAT traversal); the ports are as seen on the wire.</summary>
    public UdpEncapsulation? Encapsulation { get; init; }

    /// <summary>The ESP cipher (NULL for integrity-only ESP); null for AH and for AEAD.</summary>
    public CipherAlgorithm? Cipher { get; init; }

    /// <summary>The ESP combined-mode transform (AES-GCM-16); when set there is no integrity transform.</summary>
    public AeadAlgorithm? Aead { get; init; }

    /// <summary>Cipher key, or AEAD key followed by its salt.</summary>
    public ReadOnlyMemory<byte> EncryptionKey { get; init; }

    /// <summary>HMAC for ESP or AH; null for AEAD and for ESP without integrity.</summary>
    public IntegrityAlgorithm? Integrity { get; init; }

    public ReadOnlyMemory<byte> IntegrityKey { get; init; }

    /// <summary>Our side of the protected traffic (the source of outbound packets).</summary>
    public required TrafficSelector LocalTrafficSelector { get; init; }

    /// <summary>The peer's side of the protected traffic.</summary>
    public required TrafficSelector RemoteTrafficSelector { get; init; }

    /// <summary>Bytes after which the data plane reports a soft expiry (IKE rekeys); 0 for none.</summary>
    public ulong SoftByteLimit { get; init; }

    /// <summary>Bytes after which the SA must not be used any more; 0 for none.</summary>
    public ulong HardByteLimit { get; init; }

    /// <summary>Anti-replay window in packets for inbound SAs.</summary>
    public int ReplayWindow { get; init; } = 64;

    /// <summary>
    /// Both directions of one quick mode share this number (strongSwan's reqid), so the data plane
    /// can find the outbound SA that answers an inbound one.
    /// </summary>
    public required ulong ChildSaId { get; init; }

    /// <summary>
    /// NAT-OA in transport mode (RFC 3947 section 5.2): the peer's address before NAT, which the
    /// data plane needs to fix TCP/UDP checksums. Null when there is no NAT.
    /// </summary>
    public IPAddress? PeerOriginalAddress { get; init; }

    public override string ToString() =>
        $"{Direction} {Id} from {Source}, {Mode}{(Encapsulation is null ? string.Empty : $" UDP {Encapsulation.SourcePort}->{Encapsulation.DestinationPort}")}, "
        + $"{Aead?.Name ?? Cipher?.Name ?? "no cipher"}/{Integrity?.Name ?? "no integrity"}, {LocalTrafficSelector} <-> {RemoteTrafficSelector}";
}
