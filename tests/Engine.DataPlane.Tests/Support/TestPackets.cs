using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.DataPlane.Tests.Support;

/// <summary>Builds well-formed inner packets (IPv4 or IPv6, UDP or TCP) with correct checksums.</summary>
public static class TestPackets
{
    public static byte[] Udp(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        var checksum = TransportChecksum(source, destination, 17, udp);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(6), checksum == 0 ? (ushort)0xFFFF : checksum);
        return Ip(source, destination, 17, udp);
    }

    public static byte[] Tcp(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), 1000);
        tcp[12] = 0x50;
        tcp[13] = 0x18;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 8192);
        payload.CopyTo(tcp.AsSpan(20));
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(16), TransportChecksum(source, destination, 6, tcp));
        return Ip(source, destination, 6, tcp);
    }

    /// <summary>An IP packet around <paramref name="upperLayer"/>: IPv4 with DF, TTL 64, id 0x1234; IPv6 hop limit 64.</summary>
    public static byte[] Ip(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> upperLayer)
    {
        var headerLength = source.AddressFamily == AddressFamily.InterNetwork ? 20 : 40;
        var packet = new byte[headerLength + upperLayer.Length];
        OuterHeaders.WriteIp(packet, source, destination, protocol, upperLayer.Length, identification: 0x1234, hopLimit: 64);
        upperLayer.CopyTo(packet.AsSpan(headerLength));
        return packet;
    }

    /// <summary>A payload of <paramref name="length"/> recognisable bytes.</summary>
    public static byte[] Payload(int length, byte seed = 0)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)(seed + i * 7);
        }

        return payload;
    }

    public static ushort TransportChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        ulong sum = protocol + (uint)segment.Length;
        sum = AddWords(sum, source.GetAddressBytes());
        sum = AddWords(sum, destination.GetAddressBytes());
        sum = AddWords(sum, segment);
        return Fold(sum);
    }

    public static bool TransportChecksumValid(ReadOnlySpan<byte> packet)
    {
        var version = packet[0] >> 4;
        var headerLength = version == 4 ? (packet[0] & 0xF) * 4 : 40;
        var protocol = version == 4 ? packet[9] : packet[6];
        var source = new IPAddress(version == 4 ? packet.Slice(12, 4) : packet.Slice(8, 16));
        var destination = new IPAddress(version == 4 ? packet.Slice(16, 4) : packet.Slice(24, 16));
        var segment = packet[headerLength..];
        ulong sum = protocol + (uint)segment.Length;
        sum = AddWords(sum, source.GetAddressBytes());
        sum = AddWords(sum, destination.GetAddressBytes());
        sum = AddWords(sum, segment);
        return Fold(sum) == 0;
    }

    internal static ulong AddWords(ulong sum, ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += i + 1 < data.Length ? BinaryPrimitives.ReadUInt16BigEndian(data[i..]) : (uint)data[i] << 8;
        }

        return sum;
    }

    internal static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
