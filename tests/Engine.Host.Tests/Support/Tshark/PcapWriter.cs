using System;
using System.Buffers.Binary;
using System.IO;

namespace Engine.Host.Tests.Support.Tshark;

/// <summary>
/// A classic libpcap file (pcap(5): 24-byte global header, then a 16-byte record header per frame)
/// with LINKTYPE_ETHERNET: each IPv4 packet gets a made-up Ethernet header, so tshark dissects it as
/// if captured on a wire.
/// </summary>
internal sealed class PcapWriter : IDisposable
{
    private readonly Stream stream;
    private uint seconds = 1_741_944_600;

    public PcapWriter(string path)
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

    public void WriteIpv4(ReadOnlySpan<byte> packet)
    {
        var frame = new byte[14 + packet.Length];
        frame[0] = 0x02;
        frame[5] = 0x02;
        frame[6] = 0x02;
        frame[11] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        packet.CopyTo(frame.AsSpan(14));

        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, seconds++);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        stream.Write(record);
        stream.Write(frame);
    }

    public void Dispose() => stream.Dispose();
}
