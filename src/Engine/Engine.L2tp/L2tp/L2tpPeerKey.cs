using System;
using System.Net;

namespace Engine.L2tp.L2tp;

/// <summary>
/// Who an L2TP datagram came from: the IPsec SA that protected it and the client's address and
/// port as seen after decapsulation. Tunnels are keyed by both, so that several clients behind
/// one NAT, all sending from port 1701 (and, in transport mode, possibly even from the same
/// private address), each get their own tunnel. Kernel IPsec plus xl2tpd keys by address and port
/// only and cannot tell them apart.
/// </summary>
/// <param name="SecurityAssociationId">
/// An identity of the IPsec protection that stays the same across quick-mode rekeys (the gateway
/// passes the connection's stable id, not a per-SPI one); when it does change, <see
/// cref="L2tpEndpoint.RebindPeer"/> moves the tunnels.
/// </param>
/// <param name="Remote">The peer's UDP endpoint.</param>
public readonly record struct L2tpPeerKey(ulong SecurityAssociationId, IPEndPoint Remote)
{
    public override string ToString() => $"SA {SecurityAssociationId} {Remote}";
}
