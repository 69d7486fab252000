using System;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Abstractions;

/// <summary>
/// Where the decrypted packets of particular SAs go instead of the TUN device
/// (<c>SaSpecification.Sink</c>). The VPN gateway takes its clients' L2TP datagrams this way:
/// clients behind one NAT send identical-looking UDP from the NAT's address and port 1701, and only
/// the SA a packet came through tells them apart.
/// </summary>
public interface IDecryptedPacketSink
{
    /// <summary>
    /// One packet that came through <paramref name="sa"/>, from its IP header on (rebuilt in
    /// transport mode). The span is the packet loop's buffer, valid only during the call: copy what
    /// is kept. Called on packet threads; return quickly.
    /// </summary>
    void Deliver(SecurityAssociation sa, ReadOnlySpan<byte> packet);
}
