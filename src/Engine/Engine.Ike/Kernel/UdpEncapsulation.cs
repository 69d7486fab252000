namespace Engine.Ike.Kernel;

/// <summary>
/// ESP in UDP (RFC 3948): the outer UDP ports of an SA when NAT traversal is in use. The ESP-in-UDP
/// format is the same whether RFC 3947 or a draft negotiated it (encapsulation modes 3/4 or
/// 61443/61444); only the negotiation differs.
/// </summary>
public sealed record UdpEncapsulation(ushort SourcePort, ushort DestinationPort);
