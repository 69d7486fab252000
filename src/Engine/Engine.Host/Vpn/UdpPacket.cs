using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ip;

namespace Engine.Host.Vpn;

/// <summary>
/// The IP and UDP headers around an L2TP datagram: read from a packet the data plane decrypted,
/// written around one the gateway sends through an SA. IPv4 and IPv6.
/// </summary>
internal static class UdpPacket
{
    public const int Ipv4HeaderLength = 20;
    public const int Ipv6HeaderLength = 40;
    public const int UdpHeaderLength = 8;
    public const int MaxHeaderLength = Ipv6HeaderLength + UdpHeaderLength;
    private const byte UdpProtocol = 17;
    private const byte DefaultTtl = 64;

    /// <summary>The addresses, ports and payload of a UDP packet; false for anything else or a truncated one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out UdpPacketView view)
    {
        view = default;
        if (packet.IsEmpty)
        {
            return false;
        }

        int headerLength;
        IPAddress source, destination;
        switch (packet[0] >> 4)
        {
            case 4:
                headerLength = (packet[0] & 0x0F) * 4;
                var totalLength = packet.Length >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) : 0;
                if (headerLength < Ipv4HeaderLength || packet.Length < headerLength + UdpHeaderLength || packet[9] != UdpProtocol
                    || totalLength > packet.Length || (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0)
                {
                    return false; // not UDP, truncated, or a fragment (the data plane reassembles none for us)
                }

                packet = packet[..totalLength];
                source = new IPAddress(packet.Slice(12, 4));
                destination = new IPAddress(packet.Slice(16, 4));
                break;
            case 6:
                headerLength = Ipv6HeaderLength;
                if (packet.Length < headerLength + UdpHeaderLength || packet[6] != UdpProtocol)
                {
                    return false; // extension headers do not occur on L2TP from the clients we serve
                }

                var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
                if (headerLength + payloadLength > packet.Length)
                {
                    return false;
                }

                packet = packet[..(headerLength + payloadLength)];
                source = new IPAddress(packet.Slice(8, 16));
                destination = new IPAddress(packet.Slice(24, 16));
                break;
            default:
                return false;
        }

        var udp = packet[headerLength..];
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        if (udpLength < UdpHeaderLength || udpLength > udp.Length)
        {
            return false;
        }

        view = new UdpPacketView(
            new IPEndPoint(source, BinaryPrimitives.ReadUInt16BigEndian(udp)),
            new IPEndPoint(destination, BinaryPrimitives.ReadUInt16BigEndian(udp[2..])),
            headerLength + UdpHeaderLength,
            udpLength - UdpHeaderLength);
        return true;
    }

    /// <summary>
    /// Writes IP and UDP headers for <paramref name="payloadLength"/> octets already placed at
    /// <see cref="HeaderLength"/> of <paramref name="buffer"/>; the checksum covers them. The packet's length.
    /// </summary>
    public static int WriteHeaders(Span<byte> buffer, IPEndPoint source, IPEndPoint destination, int payloadLength)
    {
        var family = source.AddressFamily;
        var ipLength = HeaderLength(family) - UdpHeaderLength;
        var udp = buffer.Slice(ipLength, UdpHeaderLength + payloadLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udp.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);

        var ip = buffer[..ipLength];
        ip.Clear();
        if (family == AddressFamily.InterNetwork)
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(ipLength + udp.Length));
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // DF: PPP below has its MTU already
            ip[8] = DefaultTtl;
            ip[9] = UdpProtocol;
            source.Address.TryWriteBytes(ip.Slice(12, 4), out _);
            destination.Address.TryWriteBytes(ip.Slice(16, 4), out _);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip));
        }
        else
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)udp.Length);
            ip[6] = UdpProtocol;
            ip[7] = DefaultTtl;
            source.Address.TryWriteBytes(ip.Slice(8, 16), out _);
            destination.Address.TryWriteBytes(ip.Slice(24, 16), out _);
        }

        var addresses = family == AddressFamily.InterNetwork ? ip.Slice(12, 8) : ip.Slice(8, 32);
        var pseudo = InternetChecksum.Add(UdpProtocol + (ulong)udp.Length, addresses);
        var checksum = InternetChecksum.Finish(InternetChecksum.Add(pseudo, udp));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return ipLength + udp.Length;
    }

    /// <summary>IP plus UDP header octets for the family.</summary>
    public static int HeaderLength(AddressFamily family) =>
        (family == AddressFamily.InterNetwork ? Ipv4HeaderLength : Ipv6HeaderLength) + UdpHeaderLength;
}
