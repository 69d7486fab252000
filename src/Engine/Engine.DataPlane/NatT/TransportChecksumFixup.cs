using System;
using System.Buffers.Binary;
using System.Net.Sockets;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.NatT;

/// <summary>
/// Transport mode behind a NAT (RFC 3948 section 3.1.2): the peer computed its TCP/UDP checksum
/// over its own addresses, which the NAT changed outside the encryption, so the checksum no
/// longer fits the packet delivered here. Of the RFC's options this recomputes the checksum over
/// the packet as delivered (the addresses this host sees), which needs no NAT-OA from IKE and is
/// right whatever the NAT did; ESP's integrity check already vouched for the contents.
/// </summary>
internal static class TransportChecksumFixup
{
    /// <summary>Recomputes the checksum of a TCP, UDP or ICMPv6 payload in place; other protocols are left alone.</summary>
    public static void Apply(Span<byte> upperLayer, AddressFamily family, UInt128 source, UInt128 destination, byte protocol)
    {
        int checksumOffset;
        switch (protocol)
        {
            case IpProtocolNumbers.Tcp:
                checksumOffset = 16;
                break;
            case IpProtocolNumbers.Udp:
                checksumOffset = 6;

                // An IPv4 UDP checksum of 0 means "none computed"; keep it that way (RFC 768).
                if (family == AddressFamily.InterNetwork && upperLayer.Length >= 8 && BinaryPrimitives.ReadUInt16BigEndian(upperLayer[6..]) == 0)
                {
                    return;
                }

                break;
            case IpProtocolNumbers.Icmpv6 when family == AddressFamily.InterNetworkV6:
                checksumOffset = 2;
                break;
            default:
                return;
        }

        if (upperLayer.Length < checksumOffset + 2)
        {
            return;
        }

        upperLayer[checksumOffset] = 0;
        upperLayer[checksumOffset + 1] = 0;
        var sum = InternetChecksum.PseudoHeader(family, source, destination, protocol, upperLayer.Length);
        var checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, upperLayer));

        // UDP sends a computed zero as all ones (RFC 768, RFC 8200 section 8.1).
        if (checksum == 0 && protocol == IpProtocolNumbers.Udp)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(upperLayer[checksumOffset..], checksum);
    }
}
