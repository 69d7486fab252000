namespace Engine.DataPlane.NatT;

/// <summary>What a datagram received on UDP port 4500 carries (RFC 3948 section 2).</summary>
internal enum NatTraversalPayloadKind
{
    /// <summary>An ESP packet, starting at its (non-zero) SPI.</summary>
    Esp,

    /// <summary>An IKE message after the four-byte non-ESP marker.</summary>
    Ike,

    /// <summary>A NAT keepalive: the single byte 0xFF.</summary>
    Keepalive,

    /// <summary>Too short to be any of these.</summary>
    Malformed,
}
