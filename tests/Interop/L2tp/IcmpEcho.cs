using System;
using System.Buffers.Binary;
using System.Net;

namespace Interop.L2tp;

/// <summary>
/// IPv4 ICMP echo datagrams built and read by hand: what the host would write into the TUN device
/// and read from it, sent through <c>PppSession.SendPacket</c> and received from its packet callback.
/// </summary>
internal static class IcmpEcho
{
    private const byte IcmpProtocol = 1;
    private const byte EchoRequestType = 8;
    private const byte EchoReplyType = 0;

    /// <summary>An IPv4 datagram (TTL 64, DF clear) carrying an ICMP echo request (RFC 792) with <paramref name="payload"/>.</summary>
    public static byte[] Request(IPAddress source, IPAddress destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[20 + 8 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), sequence);
        packet[8] = 64;
        packet[9] = IcmpProtocol;
        source.GetAddressBytes().CopyTo(packet, 12);
        destination.GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20)));

        var icmp = packet.AsSpan(20);
        icmp[0] = EchoRequestType;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], sequence);
        payload.CopyTo(icmp[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(icmp));
        return packet;
    }

    /// <summary>True when <paramref name="packet"/> is an IPv4 ICMP echo reply with good checksums; its source, identifier and sequence.</summary>
    public static bool TryReadReply(ReadOnlySpan<byte> packet, out IPAddress source, out ushort identifier, out ushort sequence)
    {
        source = IPAddress.None;
        identifier = sequence = 0;
        if (packet.Length < 28 || packet[0] >> 4 != 4 || packet[9] != IcmpProtocol)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < 20 || totalLength > packet.Length || totalLength < headerLength + 8
            || Checksum(packet[..headerLength]) != 0)
        {
            return false;
        }

        var icmp = packet[headerLength..totalLength];
        if (icmp[0] != EchoReplyType || Checksum(icmp) != 0)
        {
            return false;
        }

        source = new IPAddress(packet.Slice(12, 4));
        identifier = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]);
        sequence = BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]);
        return true;
    }

    /// <summary>The Internet checksum (RFC 1071); 0 over data that includes a correct checksum.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
