using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.DataPlane.Tests.Support;

/// <summary>
/// Writes the headers the kernel would put around what a bind sends: an IPv4 header as Linux
/// builds it for an unconnected raw socket (DF, identification 0, TTL 64) or an IPv6 header, and
/// a UDP header for port 4500 (checksum 0 over IPv4, computed over IPv6 where it is mandatory).
/// The fake network and the pcap writer both use it, independently of the code under test.
/// </summary>
public static class OuterHeaders
{
    public static int IpHeaderLength(AddressFamily family) => family == AddressFamily.InterNetwork ? 20 : 40;

    public static void WriteIp(Span<byte> destination, IPAddress source, IPAddress target, byte protocol, int payloadLength,
        ushort identification = 0, byte hopLimit = 64)
    {
        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            var header = destination[..20];
            header.Clear();
            header[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(20 + payloadLength));
            BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
            BinaryPrimitives.WriteUInt16BigEndian(header[6..], 0x4000);
            header[8] = hopLimit;
            header[9] = protocol;
            source.TryWriteBytes(header[12..], out _);
            target.TryWriteBytes(header[16..], out _);
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], TestPackets.Fold(TestPackets.AddWords(0, header)));
            return;
        }

        var v6 = destination[..40];
        v6.Clear();
        v6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(v6[4..], (ushort)payloadLength);
        v6[6] = protocol;
        v6[7] = hopLimit;
        source.TryWriteBytes(v6[8..], out _);
        target.TryWriteBytes(v6[24..], out _);
    }

    /// <summary>Writes IP header, UDP header and payload; returns the length.</summary>
    public static int WriteUdp(Span<byte> destination, IPEndPoint source, IPEndPoint target, ReadOnlySpan<byte> payload)
    {
        var ipLength = IpHeaderLength(source.AddressFamily);
        WriteIp(destination, source.Address, target.Address, 17, 8 + payload.Length);
        var udp = destination.Slice(ipLength, 8 + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)target.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udp.Length);
        udp[6] = 0;
        udp[7] = 0;
        payload.CopyTo(udp[8..]);
        if (source.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var checksum = TestPackets.TransportChecksum(source.Address, target.Address, 17, udp);
            BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        }

        return ipLength + udp.Length;
    }
}
