using System;
using System.Buffers.Binary;
using System.Net;

namespace IpSecPolicy.VpnLoad;

/// <summary>
/// The IPv4 and UDP headers the generator writes itself: its clients' addresses are not
/// configured one by one (the namespace holds them as one local route), so what it sends leaves
/// through a raw socket with the whole header (IPPROTO_RAW), from whichever client address.
/// </summary>
internal static class Ipv4Packets
{
    public const int HeaderLength = 20;
    public const int UdpHeaderLength = 8;
    public const byte UdpProtocol = 17;
    public const byte EspProtocol = 50;

    public static uint Number(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static IPAddress Address(uint number)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }

    /// <summary>An IPv4 header without options (don't fragment, TTL 64) in front of <paramref name="payloadLength"/> bytes.</summary>
    public static void WriteIpv4Header(Span<byte> header, uint source, uint destination, byte protocol, int payloadLength)
    {
        header[0] = 0x45;
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(HeaderLength + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 0); // identification: the kernel picks one when 0
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], 0x4000);
        header[8] = 64;
        header[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], destination);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], Fold(Sum(header[..HeaderLength], 0)));
    }

    /// <summary>
    /// An IPv4 + UDP datagram into <paramref name="packet"/>: headers, then <paramref name="payload"/>
    /// copied after them, with the UDP checksum (RFC 768) over the pseudo-header. Returns its length.
    /// </summary>
    public static int WriteUdp(Span<byte> packet, uint source, ushort sourcePort, uint destination, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var udpLength = UdpHeaderLength + payload.Length;
        WriteIpv4Header(packet, source, destination, UdpProtocol, udpLength);
        var udp = packet.Slice(HeaderLength, udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(udp[UdpHeaderLength..]);
        uint pseudo = (source >> 16) + (source & 0xffff) + (destination >> 16) + (destination & 0xffff) + UdpProtocol + (uint)udpLength;
        var checksum = Fold(Sum(udp, pseudo));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xffff : checksum);
        return HeaderLength + udpLength;
    }

    /// <summary>The UDP payload of an IPv4 packet (any header length); false when it is not UDP or is cut short.</summary>
    public static bool TryReadUdp(ReadOnlySpan<byte> packet, out ushort sourcePort, out ushort destinationPort, out int payloadOffset, out int payloadLength)
    {
        sourcePort = destinationPort = 0;
        payloadOffset = payloadLength = 0;
        if (packet.Length < HeaderLength || packet[0] >> 4 != 4 || packet[9] != UdpProtocol)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0f) * 4;
        if (packet.Length < headerLength + UdpHeaderLength)
        {
            return false;
        }

        var udp = packet[headerLength..];
        sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        destinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (udpLength < UdpHeaderLength || udpLength > udp.Length)
        {
            return false;
        }

        payloadOffset = headerLength + UdpHeaderLength;
        payloadLength = udpLength - UdpHeaderLength;
        return true;
    }

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    private static ushort Fold(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
