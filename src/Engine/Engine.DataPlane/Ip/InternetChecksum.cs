using System;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace Engine.DataPlane.Ip;

/// <summary>
/// The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit
/// words. Sums are accumulated 32 bits at a time in a 64-bit register and folded at the end,
/// which is both allocation-free and several times faster than a word loop.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum (odd lengths padded with a zero byte).</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum to 16 bits and complements it.</summary>
    public static ushort Finish(ulong sum)
    {
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        sum = (sum & 0xFFFF_FFFF) + (sum >> 32);
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>
    /// The pseudo-header sum of TCP, UDP and ICMPv6 (RFC 793, RFC 768, RFC 8200 section 8.1):
    /// addresses, protocol and upper-layer length.
    /// </summary>
    public static ulong PseudoHeader(AddressFamily family, UInt128 source, UInt128 destination, byte protocol, int length)
    {
        ulong sum = (ulong)protocol + (uint)length;
        if (family == AddressFamily.InterNetwork)
        {
            return sum + (uint)source + (uint)destination;
        }

        return sum + (ulong)(uint)(source >> 96) + (uint)(source >> 64) + (uint)(source >> 32) + (uint)source
            + (uint)(destination >> 96) + (uint)(destination >> 64) + (uint)(destination >> 32) + (uint)destination;
    }
}
