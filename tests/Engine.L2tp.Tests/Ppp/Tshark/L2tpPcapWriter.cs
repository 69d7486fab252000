using System.Buffers.Binary;
using System.IO;
using System.Net;

namespace Engine.L2tp.Tests.Ppp.Tshark;

/// <summary>
/// Writes PPP frames as tshark would see them on the wire: Ethernet, IPv4, UDP 1701 and an
/// L2TPv2 data message header (RFC 2661 section 3.1: flags 0x0002 = data, no length, version 2;
/// tunnel id; session id) in a classic pcap file (LINKTYPE_ETHERNET).
/// </summary>
public sealed class L2tpPcapWriter : IDisposable
{
    private static readonly IPAddress ClientAddress = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress GatewayAddress = IPAddress.Parse("203.0.113.1");
    private readonly Stream stream;
    private uint seconds = 1_700_000_000;

    public L2tpPcapWriter(string path)
    {
        stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        stream.Write(header);
    }

    public void Write(ReadOnlySpan<byte> pppFrame, bool fromClient)
    {
        const int l2tpHeader = 6;
        var udpLength = 8 + l2tpHeader + pppFrame.Length;
        var frame = new byte[14 + 20 + udpLength];
        frame[0] = 0x02;
        frame[5] = fromClient ? (byte)2 : (byte)1;
        frame[6] = 0x02;
        frame[11] = fromClient ? (byte)1 : (byte)2;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);

        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + udpLength));
        ip[8] = 64;
        ip[9] = 17;
        (fromClient ? ClientAddress : GatewayAddress).TryWriteBytes(ip[12..], out _);
        (fromClient ? GatewayAddress : ClientAddress).TryWriteBytes(ip[16..], out _);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);

        var udp = frame.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 1701);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 1701);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);

        var l2tp = udp[8..];
        BinaryPrimitives.WriteUInt16BigEndian(l2tp, 0x0002);
        BinaryPrimitives.WriteUInt16BigEndian(l2tp[2..], fromClient ? (ushort)0x1111 : (ushort)0x2222);
        BinaryPrimitives.WriteUInt16BigEndian(l2tp[4..], fromClient ? (ushort)0x0101 : (ushort)0x0202);
        pppFrame.CopyTo(l2tp[l2tpHeader..]);

        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, seconds++);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        stream.Write(record);
        stream.Write(frame);
    }

    public void Dispose() => stream.Dispose();
}
