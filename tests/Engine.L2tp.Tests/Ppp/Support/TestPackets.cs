using System.Buffers.Binary;
using System.Net;

namespace Engine.L2tp.Tests.Ppp.Support;

/// <summary>IP datagrams for the data path tests.</summary>
public static class TestPackets
{
    /// <summary>A minimal IPv4/UDP datagram (checksums zero; PPP does not look inside).</summary>
    public static byte[] Udp4(IPAddress source, IPAddress destination, string payload)
    {
        var data = System.Text.Encoding.ASCII.GetBytes(payload);
        var packet = new byte[20 + 8 + data.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 17;
        source.TryWriteBytes(packet.AsSpan(12), out _);
        destination.TryWriteBytes(packet.AsSpan(16), out _);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 40001);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(8 + data.Length));
        data.CopyTo(packet, 28);
        return packet;
    }

    /// <summary>A minimal IPv6 header with an empty payload (next header 59, "no next header").</summary>
    public static byte[] Ipv6(IPAddress source, IPAddress destination)
    {
        var packet = new byte[40];
        packet[0] = 0x60;
        packet[6] = 59;
        packet[7] = 64;
        source.TryWriteBytes(packet.AsSpan(8), out _);
        destination.TryWriteBytes(packet.AsSpan(24), out _);
        return packet;
    }
}
