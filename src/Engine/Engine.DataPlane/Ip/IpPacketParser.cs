using System;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace Engine.DataPlane.Ip;

/// <summary>
/// Reads the fields of an IPv4 (RFC 791) or IPv6 (RFC 8200) packet. Returns false for anything
/// that is not a well-formed packet of that version: too short, bad lengths, an IPv6 jumbogram,
/// or an extension header chain that runs off the end. Never throws on packet contents.
/// </summary>
internal static class IpPacketParser
{
    public const int Ipv4MinimumHeaderLength = 20;
    public const int Ipv6HeaderLength = 40;

    // An IPv6 chain longer than this is treated as malformed rather than walked further.
    private const int MaximumExtensionHeaders = 8;

    public static bool TryParse(ReadOnlySpan<byte> packet, out IpPacketFields fields)
    {
        fields = default;
        if (packet.IsEmpty)
        {
            return false;
        }

        return (packet[0] >> 4) switch
        {
            4 => TryParseIpv4(packet, ref fields),
            6 => TryParseIpv6(packet, ref fields),
            _ => false,
        };
    }

    /// <summary>The IP version named by an ESP/AH next header in tunnel mode (4 or 41), else 0.</summary>
    public static int VersionForNextHeader(byte nextHeader) => nextHeader switch
    {
        IpProtocolNumbers.Ipv4 => 4,
        IpProtocolNumbers.Ipv6 => 6,
        _ => 0,
    };

    private static bool TryParseIpv4(ReadOnlySpan<byte> packet, ref IpPacketFields fields)
    {
        if (packet.Length < Ipv4MinimumHeaderLength)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < Ipv4MinimumHeaderLength || totalLength < headerLength || totalLength > packet.Length)
        {
            return false;
        }

        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var fragmentOffset = flagsAndOffset & 0x1FFF;
        var moreFragments = (flagsAndOffset & 0x2000) != 0;

        fields.Family = AddressFamily.InterNetwork;
        fields.HeaderLength = headerLength;
        fields.TotalLength = totalLength;
        fields.TrafficClass = packet[1];
        fields.HopLimit = packet[8];
        fields.Protocol = packet[9];
        fields.Source = IpAddressBits.FromIpv4(packet[12..]);
        fields.Destination = IpAddressBits.FromIpv4(packet[16..]);
        fields.IsFragment = moreFragments || fragmentOffset != 0;
        fields.HasOptions = headerLength > Ipv4MinimumHeaderLength;
        ReadPorts(packet[headerLength..totalLength], initialFragment: fragmentOffset == 0, ref fields);
        return true;
    }

    private static bool TryParseIpv6(ReadOnlySpan<byte> packet, ref IpPacketFields fields)
    {
        if (packet.Length < Ipv6HeaderLength)
        {
            return false;
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var totalLength = Ipv6HeaderLength + payloadLength;

        // A zero payload length announces a jumbogram (RFC 2675), which no path here carries.
        if ((payloadLength == 0 && packet[6] != IpProtocolNumbers.NoNextHeader) || totalLength > packet.Length)
        {
            return false;
        }

        fields.Family = AddressFamily.InterNetworkV6;
        fields.TotalLength = totalLength;
        fields.TrafficClass = (byte)(BinaryPrimitives.ReadUInt16BigEndian(packet) >> 4);
        fields.HopLimit = packet[7];
        fields.Source = IpAddressBits.FromIpv6(packet[8..]);
        fields.Destination = IpAddressBits.FromIpv6(packet[24..]);

        var nextHeader = packet[6];
        var offset = Ipv6HeaderLength;
        var initialFragment = true;
        for (var count = 0; IsExtensionHeader(nextHeader); count++)
        {
            if (count == MaximumExtensionHeaders || offset + 8 > totalLength)
            {
                return false;
            }

            var header = packet[offset..];
            int length;
            if (nextHeader == IpProtocolNumbers.Fragment)
            {
                length = 8;
                fields.IsFragment = true;
                initialFragment = (BinaryPrimitives.ReadUInt16BigEndian(header[2..]) & 0xFFF8) == 0;
            }
            else
            {
                length = (header[1] + 1) * 8;
            }

            nextHeader = header[0];
            offset += length;
            if (offset > totalLength)
            {
                return false;
            }
        }

        fields.HasOptions = offset > Ipv6HeaderLength;
        fields.HeaderLength = offset;
        fields.Protocol = nextHeader;
        ReadPorts(packet[offset..totalLength], initialFragment, ref fields);
        return true;
    }

    private static bool IsExtensionHeader(byte nextHeader) =>
        nextHeader is IpProtocolNumbers.HopByHopOptions or IpProtocolNumbers.Routing
            or IpProtocolNumbers.Fragment or IpProtocolNumbers.DestinationOptions;

    private static void ReadPorts(ReadOnlySpan<byte> upperLayer, bool initialFragment, ref IpPacketFields fields)
    {
        if (initialFragment && IpProtocolNumbers.HasPorts(fields.Protocol) && upperLayer.Length >= 4)
        {
            fields.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(upperLayer);
            fields.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(upperLayer[2..]);
            fields.PortsKnown = true;
        }
    }
}
