using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// Builds and reads the IP packets the in-process tests put into a TUN device and take out of
/// one: UDP over IPv4 or IPv6 with valid header and UDP checksums (RFC 791, RFC 8200, RFC 768).
/// </summary>
internal static class IpPackets
{
    private const byte Udp = 17;

    /// <summary>A UDP datagram from <paramref name="source"/> to <paramref name="destination"/> carrying <paramref name="payload"/>.</summary>
    public static byte[] UdpPacket(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        var checksum = PseudoHeaderChecksum(source, destination, Udp, udp);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), checksum == 0 ? (ushort)0xFFFF : checksum);
        return WithIpHeader(source, destination, Udp, udp);
    }

    /// <summary>An IP header (IPv4 with a valid checksum, or IPv6) in front of <paramref name="upperLayer"/>.</summary>
    public static byte[] WithIpHeader(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> upperLayer)
    {
        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            var packet = new byte[20 + upperLayer.Length];
            packet[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1234);
            packet[6] = 0x40; // don't fragment
            packet[8] = 64;
            packet[9] = protocol;
            source.GetAddressBytes().CopyTo(packet, 12);
            destination.GetAddressBytes().CopyTo(packet, 16);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Fold(Sum(0, packet.AsSpan(0, 20))));
            upperLayer.CopyTo(packet.AsSpan(20));
            return packet;
        }

        var v6 = new byte[40 + upperLayer.Length];
        v6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(v6.AsSpan(4), (ushort)upperLayer.Length);
        v6[6] = protocol;
        v6[7] = 64;
        source.GetAddressBytes().CopyTo(v6, 8);
        destination.GetAddressBytes().CopyTo(v6, 24);
        upperLayer.CopyTo(v6.AsSpan(40));
        return v6;
    }

    /// <summary>A payload of recognisable bytes, different for each <paramref name="seed"/>.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)(seed * 31 + i * 7);
        }

        return payload;
    }

    public static int HeaderLength(ReadOnlySpan<byte> packet) => packet[0] >> 4 == 4 ? (packet[0] & 0x0F) * 4 : 40;

    public static IPAddress Source(ReadOnlySpan<byte> packet) =>
        packet[0] >> 4 == 4 ? new IPAddress(packet.Slice(12, 4)) : new IPAddress(packet.Slice(8, 16));

    public static IPAddress Destination(ReadOnlySpan<byte> packet) =>
        packet[0] >> 4 == 4 ? new IPAddress(packet.Slice(16, 4)) : new IPAddress(packet.Slice(24, 16));

    /// <summary>Everything after the IP header (what a transport mode SA carries).</summary>
    public static byte[] UpperLayer(byte[] packet) => packet.AsSpan(HeaderLength(packet)).ToArray();

    /// <summary>True when the UDP checksum of a packet verifies against its own addresses.</summary>
    public static bool UdpChecksumValid(byte[] packet)
    {
        var segment = packet.AsSpan(HeaderLength(packet));
        return Fold(Sum(Sum(Sum(Udp + (ulong)segment.Length, Source(packet).GetAddressBytes()), Destination(packet).GetAddressBytes()), segment)) == 0;
    }

    private static ushort PseudoHeaderChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment) =>
        Fold(Sum(Sum(Sum(protocol + (ulong)segment.Length, source.GetAddressBytes()), destination.GetAddressBytes()), segment));

    private static ulong Sum(ulong sum, ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += i + 1 < data.Length ? BinaryPrimitives.ReadUInt16BigEndian(data[i..]) : (uint)data[i] << 8;
        }

        return sum;
    }

    private static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
