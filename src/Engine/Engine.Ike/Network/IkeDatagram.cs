using System.Net;

namespace Engine.Ike.Network;

/// <summary>
/// One UDP datagram as the IKE socket sees it: the payload and both endpoints. On the NAT-T port
/// the payload still carries the non-ESP marker; the engine adds and removes it, so a socket layer
/// never needs to know what IKE is.
/// </summary>
public readonly record struct IkeDatagram(ReadOnlyMemory<byte> Payload, IPEndPoint Local, IPEndPoint Remote)
{
    public override string ToString() => $"{Local} <-> {Remote}, {Payload.Length} bytes";
}
