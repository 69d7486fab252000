using System;
using System.Buffers.Binary;
using System.Net.Sockets;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Ah;

/// <summary>
/// The outer IP header as AH's ICV sees it (RFC 4302 section 3.3.3.1): immutable fields as they
/// travel, mutable ones zero. IPv4: TOS, flags, fragment offset, TTL and checksum are zero; the
/// identification is immutable. IPv6: traffic class, flow label and hop limit are zero.
/// </summary>
/// <remarks>
/// IPv6's header is fully determined by the addresses and the length, so the kernel may build it.
/// IPv4's identification is not (current kernels choose it at random even for don't-fragment
/// datagrams), so the sender chooses it, authenticates it and sends the header it wrote
/// (<see cref="CompleteIpv4"/>, through a bind with <c>SendIncludesIpHeader</c>).
/// </remarks>
internal static class AhPseudoHeader
{
    /// <summary>Writes the header for <paramref name="payloadLength"/> bytes after it (AH included); returns its length.</summary>
    public static int Write(Span<byte> destination, AddressFamily family, UInt128 source, UInt128 target, int payloadLength, ushort identification = 0)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var header = destination[..IpPacketParser.Ipv4MinimumHeaderLength];
            header.Clear();
            header[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(header.Length + payloadLength));
            BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
            header[9] = IpProtocolNumbers.Ah;
            BinaryPrimitives.WriteUInt32BigEndian(header[12..], (uint)source);
            BinaryPrimitives.WriteUInt32BigEndian(header[16..], (uint)target);
            return header.Length;
        }

        var v6 = destination[..IpPacketParser.Ipv6HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(v6, 0x6000_0000u);
        BinaryPrimitives.WriteUInt16BigEndian(v6[4..], (ushort)payloadLength);
        v6[6] = IpProtocolNumbers.Ah;
        v6[7] = 0;
        BinaryPrimitives.WriteUInt128BigEndian(v6[8..], source);
        BinaryPrimitives.WriteUInt128BigEndian(v6[24..], target);
        return v6.Length;
    }

    /// <summary>
    /// Turns the IPv4 pseudo header into the header sent: don't fragment (AH packets are never
    /// fragmented by this sender), TTL 64 and the checksum; the rest is already what the ICV covered.
    /// </summary>
    public static void CompleteIpv4(Span<byte> header)
    {
        header[6] = 0x40;
        header[8] = 64;
        header[10] = 0;
        header[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header[..IpPacketParser.Ipv4MinimumHeaderLength]));
    }

    /// <summary>Zeroes the mutable fields of a received IPv4 header without options, in place.</summary>
    public static void ZeroMutableIpv4Fields(Span<byte> header)
    {
        header[1] = 0;
        header[6] = 0;
        header[7] = 0;
        header[8] = 0;
        header[10] = 0;
        header[11] = 0;
    }
}
