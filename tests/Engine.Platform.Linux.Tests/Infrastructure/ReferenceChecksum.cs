using System;

namespace Engine.Platform.Linux.Tests.Infrastructure;

/// <summary>
/// The Internet checksum computed independently of the code under test, for the TCP segmentation
/// and coalescing golden packets: RFC 1071 the slow way, with the IPv4/IPv6 pseudo-header.
/// </summary>
internal static class ReferenceChecksum
{
    /// <summary>The pseudo-header's sum (addresses, protocol, upper-layer length), not folded.</summary>
    public static ulong PseudoHeaderSum(byte[] packet, bool ipv6, int upperLength, byte protocol = 6)
    {
        ulong sum = protocol + (ulong)upperLength;
        int start = ipv6 ? 8 : 12;
        int end = ipv6 ? 40 : 20;
        for (int i = start; i < end; i += 2)
        {
            sum += (ulong)((packet[i] << 8) | packet[i + 1]);
        }

        return sum;
    }

    /// <summary>RFC 1071 the slow way: 16-bit words, end-around carry, not complemented.</summary>
    public static int Sum(ReadOnlySpan<byte> data, ulong initial)
    {
        ulong sum = initial;
        for (int i = 0; i < data.Length; i += 2)
        {
            sum += (ulong)((data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0));
        }

        return Fold(sum);
    }

    public static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }
}
