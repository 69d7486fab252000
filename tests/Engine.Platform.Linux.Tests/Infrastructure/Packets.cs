using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>Builds and recognises the few IP packets the tests write into and read from TUN devices.</summary>
internal static class Packets
{
    internal const byte Icmp = 1;
    internal const byte TcpProtocol = 6;
    internal const byte UdpProtocol = 17;
    internal const byte Icmpv6 = 58;

    /// <summary>A UDP datagram in an IPv4 or IPv6 packet with valid checksums.</summary>
    internal static byte[] Udp(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        bool ipv6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        int headerLength = ipv6 ? 40 : 20;
        int udpLength = 8 + payload.Length;
        var packet = new byte[headerLength + udpLength];
        Span<byte> udp = packet.AsSpan(headerLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        payload.CopyTo(udp[8..]);

        byte[] sourceBytes = source.GetAddressBytes();
        byte[] destinationBytes = destination.GetAddressBytes();
        if (ipv6)
        {
            packet[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)udpLength);
            packet[6] = UdpProtocol;
            packet[7] = 64;
            sourceBytes.CopyTo(packet, 8);
            destinationBytes.CopyTo(packet, 24);
        }
        else
        {
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            packet[8] = 64;
            packet[9] = UdpProtocol;
            sourceBytes.CopyTo(packet, 12);
            destinationBytes.CopyTo(packet, 16);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20), 0));
        }

        // Pseudo-header: addresses, protocol and UDP length.
        uint pseudo = Sum(sourceBytes) + Sum(destinationBytes) + UdpProtocol + (uint)udpLength;
        ushort checksum = Checksum(udp, pseudo);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xffff : checksum);
        return packet;
    }

    /// <summary>A TCP segment (20-byte header, no options) in an IPv4 (don't fragment) or IPv6 packet with valid checksums.</summary>
    internal static byte[] Tcp(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment,
        byte flags, ReadOnlySpan<byte> payload)
    {
        bool ipv6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        int headerLength = ipv6 ? 40 : 20;
        int tcpLength = 20 + payload.Length;
        var packet = new byte[headerLength + tcpLength];
        Span<byte> tcp = packet.AsSpan(headerLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        payload.CopyTo(tcp[20..]);

        byte[] sourceBytes = source.GetAddressBytes();
        byte[] destinationBytes = destination.GetAddressBytes();
        if (ipv6)
        {
            packet[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)tcpLength);
            packet[6] = TcpProtocol;
            packet[7] = 64;
            sourceBytes.CopyTo(packet, 8);
            destinationBytes.CopyTo(packet, 24);
        }
        else
        {
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            packet[6] = 0x40;
            packet[8] = 64;
            packet[9] = TcpProtocol;
            sourceBytes.CopyTo(packet, 12);
            destinationBytes.CopyTo(packet, 16);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20), 0));
        }

        uint pseudo = Sum(sourceBytes) + Sum(destinationBytes) + TcpProtocol + (uint)tcpLength;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, pseudo));
        return packet;
    }

    /// <summary>The TCP header of an IPv4 or IPv6 packet carrying TCP right after its fixed header, or empty.</summary>
    internal static ReadOnlySpan<byte> TcpHeader(byte[] packet)
    {
        if (packet.Length >= 40 && packet[0] == 0x45 && packet[9] == TcpProtocol)
        {
            return packet.AsSpan(20, 20);
        }

        return packet.Length >= 60 && packet[0] >> 4 == 6 && packet[6] == TcpProtocol ? packet.AsSpan(40, 20) : [];
    }

    /// <summary>True for an ICMP (v4) or ICMPv6 echo request addressed to <paramref name="destination"/>.</summary>
    internal static bool IsEchoRequestTo(byte[] packet, IPAddress destination)
    {
        if (packet.Length >= 28 && packet[0] >> 4 == 4 && destination.AddressFamily == AddressFamily.InterNetwork)
        {
            int headerLength = (packet[0] & 0x0f) * 4;
            return packet[9] == Icmp && new IPAddress(packet.AsSpan(16, 4)).Equals(destination) && packet[headerLength] == 8;
        }

        if (packet.Length >= 48 && packet[0] >> 4 == 6 && destination.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return packet[6] == Icmpv6 && new IPAddress(packet.AsSpan(24, 16)).Equals(destination) && packet[40] == 128;
        }

        return false;
    }

    private static uint Sum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (bytes.Length % 2 == 1)
        {
            sum += (uint)bytes[^1] << 8;
        }

        return sum;
    }

    private static ushort Checksum(ReadOnlySpan<byte> bytes, uint initial)
    {
        uint sum = initial + Sum(bytes);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
