using System.Net;
using Engine.DataPlane.Abstractions;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>One datagram on the <see cref="VirtualNetwork"/>: its kind (UDP 500, UDP 4500, raw ESP, raw AH), endpoints and payload.</summary>
internal sealed record WireDatagram(DatagramEndpointKind Kind, IPEndPoint Source, IPEndPoint Destination, byte[] Payload)
{
    public override string ToString() => $"{Kind} {Source} -> {Destination}, {Payload.Length} bytes";
}
