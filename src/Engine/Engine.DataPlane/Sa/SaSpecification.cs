using System;
using System.Net;
using Engine.Crypto.Aead;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.DataPlane.Replay;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Sa;

/// <summary>
/// Everything the data plane needs to install one finished SA, as IKE negotiated it: the host's
/// kernel-interface adapter fills one per direction after quick mode and passes it to
/// <c>IpsecDataPlane.AddSa</c>. Keys are copied on add; the caller should clear its buffers.
/// </summary>
public sealed class SaSpecification
{
    /// <summary>The largest anti-replay window an SA may have (packets).</summary>
    public const int MaximumReplayWindowSize = ReplayWindow.MaximumSize;

    /// <summary>The SPI: ours for inbound SAs, the peer's for outbound ones. Zero is reserved.</summary>
    public required uint Spi { get; init; }

    public required SaDirection Direction { get; init; }

    public IpsecProtocol Protocol { get; init; } = IpsecProtocol.Esp;

    public required IpsecMode Mode { get; init; }

    /// <summary>Our outer address: the transport endpoint, or our tunnel endpoint.</summary>
    public required IPAddress LocalAddress { get; init; }

    /// <summary>The peer's outer address (after NAT, as seen from here).</summary>
    public required IPAddress PeerAddress { get; init; }

    public SaEncapsulation Encapsulation { get; init; }

    /// <summary>Our UDP port when <see cref="Encapsulation"/> is UDP (normally 4500).</summary>
    public int LocalPort { get; init; } = 4500;

    /// <summary>The peer's UDP port when <see cref="Encapsulation"/> is UDP (its NAT's port, as seen from here).</summary>
    public int PeerPort { get; init; } = 4500;

    /// <summary>ESP encryption (CBC or NULL); null with <see cref="Aead"/> or for AH.</summary>
    public CipherAlgorithm? Cipher { get; init; }

    /// <summary>ESP combined mode (AES-GCM); null otherwise.</summary>
    public AeadAlgorithm? Aead { get; init; }

    /// <summary>The HMAC: required for AH, optional for ESP with <see cref="Cipher"/>, absent with <see cref="Aead"/>.</summary>
    public IntegrityAlgorithm? Integrity { get; init; }

    /// <summary>The cipher key, or for AES-GCM the key followed by its 4-byte salt (KEYMAT order).</summary>
    public ReadOnlyMemory<byte> EncryptionKey { get; init; }

    public ReadOnlyMemory<byte> IntegrityKey { get; init; }

    public SaLifetime SoftLifetime { get; init; }

    public SaLifetime HardLifetime { get; init; }

    /// <summary>Anti-replay window of inbound SAs: 32 to <see cref="MaximumReplayWindowSize"/> (4096) packets; default 64.</summary>
    public int ReplayWindowSize { get; init; } = ReplayWindow.DefaultSize;

    /// <summary>64-bit sequence numbers (RFC 4303 section 2.2.1); IKEv1 rarely negotiates them.</summary>
    public bool ExtendedSequenceNumbers { get; init; }

    /// <summary>
    /// The negotiated traffic selectors, local and remote as seen from here. Inbound SAs check
    /// every opened packet against them (tunnel mode: inner addresses, protocol and ports; transport
    /// mode: protocol and ports, since the SA's endpoints already fix the addresses). Required in
    /// tunnel mode.
    /// </summary>
    public TrafficSelector? Selector { get; init; }

    /// <summary>
    /// Ties outbound SAs to the policy entries that use them (Linux XFRM's and strongSwan's reqid):
    /// SPD entries with this id send through the newest outbound SA with it, so a rekeyed SA takes
    /// over the moment it is added.
    /// </summary>
    public int ReqId { get; init; }

    /// <summary>Report the SA idle after this long without a packet; zero for never.</summary>
    public TimeSpan IdleTimeout { get; init; }

    /// <summary>Where decrypted packets of this inbound SA go; null: the TUN device.</summary>
    public Abstractions.IDecryptedPacketSink? Sink { get; init; }

    /// <summary>
    /// Send a NAT keepalive (RFC 3948 section 2.3) to the peer whenever this outbound UDP-encapsulated
    /// SA has sent nothing for the keepalive interval: set it on the side behind the NAT.
    /// </summary>
    public bool SendNatKeepalives { get; init; }

    public override string ToString() =>
        $"{Direction} {Protocol} SPI 0x{Spi:x8} {Mode} {LocalAddress} <-> {PeerAddress}{(Encapsulation == SaEncapsulation.Udp ? $" UDP {LocalPort}/{PeerPort}" : string.Empty)}";
}
