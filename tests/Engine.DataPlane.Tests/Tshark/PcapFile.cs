using System.Buffers.Binary;
using System.IO;
using System.Net.Sockets;

namespace Engine.DataPlane.Tests.Tshark;

/// <summary>
/// Writes IP packets into a classic libpcap file (pcap(5): a 24-byte global header, then per
/// packet a 16-byte record header and the frame) with LINKTYPE_ETHERNET and a made-up Ethernet
/// header, so that tshark dissects them exactly as if they had been captured on a wire.
/// </summary>
public sealed class PcapFile : IDisposable
{
    private const uint Magic = 0xa1b2c3d4;
    private const uint LinkTypeEthernet = 1;
    private static readonly byte[] SourceMac = [0x02, 0, 0, 0, 0, 0x01];
    private static readonly byte[] DestinationMac = [0x02, 0, 0, 0, 0, 0x02];
    private readonly Stream stream;
    private uint seconds = 1_700_000_000;

    public PcapFile(string path)
    {
        stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        stream.Write(header);
    }

    /// <summary>Appends one IPv4 or IPv6 packet as an Ethernet frame.</summary>
    public void Write(ReadOnlySpan<byte> ipPacket, AddressFamily family)
    {
        var frame = new byte[14 + ipPacket.Length];
        DestinationMac.CopyTo(frame, 0);
        SourceMac.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), family == AddressFamily.InterNetwork ? (ushort)0x0800 : (ushort)0x86DD);
        ipPacket.CopyTo(frame.AsSpan(14));

        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, seconds++);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        stream.Write(record);
        stream.Write(frame);
    }

    public void Dispose() => stream.Dispose();
}
