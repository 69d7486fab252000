namespace Engine.DataPlane.Abstractions;

/// <summary>
/// The kinds of endpoint the engine listens on. There is one <see cref="IDatagramBind"/> per kind,
/// per address family and per local address.
/// </summary>
public enum DatagramEndpointKind
{
    /// <summary>UDP port 500: IKE without NAT traversal. Datagrams are whole ISAKMP messages.</summary>
    Ike,

    /// <summary>
    /// UDP port 4500 (RFC 3947, RFC 3948): after a NAT is detected, both IKE and ESP use it. A
    /// datagram starting with four zero bytes (the non-ESP marker) is IKE; a single 0xFF byte is a
    /// NAT keepalive; anything else is ESP starting at its SPI. The bind delivers the UDP payload
    /// unchanged; sorting is the data plane's job.
    /// </summary>
    NatTraversal,

    /// <summary>Raw IP protocol 50: ESP directly over IP, used when no NAT is in the path.</summary>
    Esp,

    /// <summary>Raw IP protocol 51: AH, which cannot cross a NAT and so is never UDP-encapsulated.</summary>
    Ah,
}
