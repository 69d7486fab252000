using System.Buffers.Binary;
using System.IO;
using System.Net;

namespace Engine.Ike.Tests.Tshark;

/// <summary>
/// Writes UDP datagrams into a classic libpcap file (LINKTYPE_ETHERNET) with hand-built Ethernet,
/// IPv4 and UDP headers, so tshark sees our messages exactly as they would cross a wire.
/// Format: the pcap global header and per-record header as documented in pcap(5)/the libpcap file
/// format; IPv4 per RFC 791 (header checksum filled in); UDP per RFC 768 with checksum 0 (allowed
/// for IPv4, so tshark has no checksum to dispute).
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const uint PcapMagic = 0xa1b2c3d4;
    private const uint LinkTypeEthernet = 1;
    private readonly Stream stream;
    private ushort ipIdentification = 1;
    private uint seconds = 1_700_000_000;

    public PcapWriter(Stream stream)
    {
        this.stream = stream;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, PcapMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);       // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);        // GMT offset
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);      // timestamp accuracy
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);  // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        stream.Write(header);
    }

    public void WriteUdp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + 20 + 8 + payload.Length];

        // Ethernet II: locally administered MACs, EtherType IPv4.
        byte[] sourceMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
        byte[] destinationMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];
        destinationMac.CopyTo(frame, 0);
        sourceMac.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);

        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;                                                  // version 4, IHL 5
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipIdentification++);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);        // don't fragment
        ip[8] = 64;                                                    // TTL
        ip[9] = 17;                                                    // UDP
        source.GetAddressBytes().CopyTo(ip[12..]);
        destination.GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum(ip));

        var udp = frame.AsSpan(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(frame.AsSpan(42));

        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, seconds++);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        stream.Write(record);
        stream.Write(frame);
    }

    public void Dispose() => stream.Dispose();

    private static ushort InternetChecksum(ReadOnlySpan<byte> header)
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
