using System;
using System.Buffers.Binary;
using System.Net;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>
/// IPv4 packets as they cross the wire between the two test peers: RFC 791 headers (checksum
/// filled in) around UDP (RFC 768, checksum 0, which IPv4 allows) or ESP (protocol 50).
/// </summary>
internal static class WirePackets
{
    public const byte Udp = 17;
    public const byte Esp = 50;

    private static int identification;

    public static byte[] UdpPacket(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        return Ipv4(source.Address, destination.Address, Udp, udp);
    }

    public static byte[] Ipv4(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)System.Threading.Interlocked.Increment(ref identification));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), 0x4000);
        packet[8] = 64;
        packet[9] = protocol;
        source.GetAddressBytes().CopyTo(packet, 12);
        destination.GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), HeaderChecksum(packet.AsSpan(0, 20)));
        payload.CopyTo(packet.AsSpan(20));
        return packet;
    }

    private static ushort HeaderChecksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
