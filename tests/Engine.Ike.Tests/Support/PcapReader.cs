using System.Buffers.Binary;
using System.IO;

namespace Engine.Ike.Tests.Support;

/// <summary>
/// Reads the UDP datagrams of a little-endian libpcap file with Ethernet frames and IPv4 (what
/// tcpdump writes on a veth, and what <see cref="Tshark.PcapWriter"/> writes).
/// </summary>
public static class PcapReader
{
    public static IReadOnlyList<UdpDatagram> ReadUdp(string path)
    {
        var file = File.ReadAllBytes(path);
        Assert.Equal(0xa1b2c3d4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)));   // LINKTYPE_ETHERNET
        var datagrams = new List<UdpDatagram>();
        var offset = 24;
        while (offset + 16 <= file.Length)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
            var frame = file.AsSpan(offset + 16, captured);
            offset += 16 + captured;
            if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[14 + 9] != 17)
            {
                continue;
            }

            var ip = frame[14..];
            var headerLength = (ip[0] & 0x0f) * 4;
            var udp = ip[headerLength..];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            datagrams.Add(new UdpDatagram(
                BinaryPrimitives.ReadUInt16BigEndian(udp),
                BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
                udp[8..udpLength].ToArray()));
        }

        return datagrams;
    }
}
