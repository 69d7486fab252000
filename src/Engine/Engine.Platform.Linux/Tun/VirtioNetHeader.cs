using System;
using System.Buffers.Binary;

namespace Engine.Platform.Linux.Tun;

/// <summary>
/// <c>struct virtio_net_hdr</c> (include/uapi/linux/virtio_net.h), which a TUN device opened with
/// IFF_VNET_HDR puts before every packet: how the kernel left the checksum and, for a TCP
/// segmentation offload super-packet, the segment size. Fields are in the host's byte order
/// (little-endian here; TUNSETVNETBE is never used).
/// </summary>
internal readonly record struct VirtioNetHeader(byte Flags, byte GsoType, ushort HeaderLength, ushort GsoSize, ushort ChecksumStart, ushort ChecksumOffset)
{
    internal const int Size = 10;
    internal const byte NeedsChecksum = 1;      // VIRTIO_NET_HDR_F_NEEDS_CSUM
    internal const byte GsoNone = 0;            // VIRTIO_NET_HDR_GSO_NONE
    internal const byte GsoTcpV4 = 1;           // VIRTIO_NET_HDR_GSO_TCPV4
    internal const byte GsoTcpV6 = 4;           // VIRTIO_NET_HDR_GSO_TCPV6
    internal const byte GsoEcn = 0x80;          // VIRTIO_NET_HDR_GSO_ECN

    internal static VirtioNetHeader Read(ReadOnlySpan<byte> bytes) => new(
        bytes[0],
        bytes[1],
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]),
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]));

    internal void Write(Span<byte> bytes)
    {
        bytes[0] = Flags;
        bytes[1] = GsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[2..], HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[4..], GsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[6..], ChecksumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[8..], ChecksumOffset);
    }
}
