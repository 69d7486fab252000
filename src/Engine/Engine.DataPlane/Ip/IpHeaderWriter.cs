using System;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace Engine.DataPlane.Ip;

/// <summary>
/// Writes fixed IPv4 (20-byte, no options) and IPv6 (40-byte) headers: transport mode's rebuilt
/// header in front of a decrypted payload, and the outer headers that tests and captures need.
/// </summary>
internal static class IpHeaderWriter
{
    public static int HeaderLength(AddressFamily family) =>
        family == AddressFamily.InterNetwork ? IpPacketParser.Ipv4MinimumHeaderLength : IpPacketParser.Ipv6HeaderLength;

    /// <summary>
    /// Writes a header for <paramref name="payloadLength"/> bytes of <paramref name="protocol"/>
    /// into the start of <paramref name="destination"/> and returns its length. IPv4 gets its
    /// header checksum; identification is <paramref name="identification"/>, fragment fields 0.
    /// </summary>
    public static int Write(
        Span<byte> destination,
        AddressFamily family,
        UInt128 source,
        UInt128 target,
        byte protocol,
        int payloadLength,
        byte trafficClass,
        byte hopLimit,
        ushort identification = 0,
        bool dontFragment = false)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var header = destination[..IpPacketParser.Ipv4MinimumHeaderLength];
            header[0] = 0x45;
            header[1] = trafficClass;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(IpPacketParser.Ipv4MinimumHeaderLength + payloadLength));
            BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
            BinaryPrimitives.WriteUInt16BigEndian(header[6..], dontFragment ? (ushort)0x4000 : (ushort)0);
            header[8] = hopLimit;
            header[9] = protocol;
            header[10] = 0;
            header[11] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header[12..], (uint)source);
            BinaryPrimitives.WriteUInt32BigEndian(header[16..], (uint)target);
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
            return header.Length;
        }

        var v6 = destination[..IpPacketParser.Ipv6HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(v6, 0x6000_0000u | ((uint)trafficClass << 20));
        BinaryPrimitives.WriteUInt16BigEndian(v6[4..], (ushort)payloadLength);
        v6[6] = protocol;
        v6[7] = hopLimit;
        BinaryPrimitives.WriteUInt128BigEndian(v6[8..], source);
        BinaryPrimitives.WriteUInt128BigEndian(v6[24..], target);
        return v6.Length;
    }

    /// <summary>True when an IPv4 header's checksum field is right (the sum over the header folds to zero).</summary>
    public static bool Ipv4ChecksumValid(ReadOnlySpan<byte> header) => InternetChecksum.Compute(header) == 0;
}
