using System;

namespace Engine.DataPlane.NatT;

/// <summary>
/// UDP encapsulation of ESP (RFC 3948): ESP and IKE share UDP port 4500. The bind carries the UDP
/// header, so what is left here is the framing inside it. SPI 0 is reserved, so a zero first word
/// (the non-ESP marker) means IKE; a lone 0xFF byte is a keepalive that keeps the NAT mapping
/// open; anything else is ESP from its SPI. The same holds for the draft encapsulation modes
/// (61443/61444) that older clients negotiate.
/// </summary>
internal static class UdpEncapsulation
{
    public const int Port = 4500;

    public const int NonEspMarkerSize = 4;

    public const byte KeepaliveByte = 0xFF;

    // SPI and sequence number: the shortest datagram that can be ESP.
    private const int MinimumEspSize = 8;

    public static NatTraversalPayloadKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length == 1 && datagram[0] == KeepaliveByte)
        {
            return NatTraversalPayloadKind.Keepalive;
        }

        if (datagram.Length >= NonEspMarkerSize && datagram[0] == 0 && datagram[1] == 0 && datagram[2] == 0 && datagram[3] == 0)
        {
            return NatTraversalPayloadKind.Ike;
        }

        return datagram.Length >= MinimumEspSize ? NatTraversalPayloadKind.Esp : NatTraversalPayloadKind.Malformed;
    }
}
