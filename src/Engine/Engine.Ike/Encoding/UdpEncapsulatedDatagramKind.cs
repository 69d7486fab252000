namespace Engine.Ike.Encoding;

/// <summary>What a datagram received on UDP port 4500 carries (RFC 3948 sections 2.2, 2.3, 4).</summary>
public enum UdpEncapsulatedDatagramKind
{
    /// <summary>Too short to be anything; drop it.</summary>
    Invalid,
    /// <summary>A single 0xFF byte that keeps a NAT mapping alive; drop it.</summary>
    NatKeepalive,
    /// <summary>Four zero bytes (the non-ESP marker) and then an IKE message.</summary>
    Ike,
    /// <summary>An ESP packet: the first four bytes are its non-zero SPI.</summary>
    Esp,
}
