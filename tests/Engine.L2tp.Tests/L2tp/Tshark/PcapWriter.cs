using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;

namespace Engine.L2tp.Tests.L2tp.Tshark;

/// <summary>
/// Writes UDP datagrams into a classic libpcap file (pcap(5): 24-octet global header, 16-octet
/// record headers) with LINKTYPE_RAW (101, the frame is the IP packet) and hand-built IPv4
/// (RFC 791, checksum filled in) and UDP (RFC 768, checksum 0, which IPv4 allows) headers, so
/// tshark dissects the L2TP on port 1701 as it would off a wire.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const uint Magic = 0xa1b2c3d4;
    private const uint LinkTypeRaw = 101;
    private readonly Stream stream;
    private ushort identification = 1;
    private uint seconds = 1_700_000_000;

    public PcapWriter(string path)
    {
        stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeRaw);
        stream.Write(header);
    }

    public void WriteUdp(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[20 + 8 + payload.Length];
        var ip = packet.AsSpan(0, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification++);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = 64;
        ip[9] = 17;
        source.Address.GetAddressBytes().CopyTo(ip[12..]);
        destination.Address.GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));

        var udp = packet.AsSpan(20, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(packet.AsSpan(28));

        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, seconds++);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
        stream.Write(record);
        stream.Write(packet);
    }

    public void Dispose() => stream.Dispose();

    private static ushort Checksum(ReadOnlySpan<byte> header)
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
