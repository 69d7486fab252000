using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;

namespace Engine.Host.Vpn;

/// <summary>IPv4 address arithmetic for pools: ranges as CIDR prefixes, addresses as numbers.</summary>
internal static class Ipv4Prefixes
{
    public static uint Number(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    public static IPAddress Address(uint number)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }

    /// <summary>The fewest prefixes that cover exactly first..last (each as large as alignment allows).</summary>
    public static IEnumerable<(IPAddress Network, int PrefixLength)> Cover(IPAddress first, IPAddress last)
    {
        ulong start = Number(first);
        ulong end = Number(last);
        while (start <= end)
        {
            var size = start == 0 ? 1UL << 32 : start & (~start + 1); // largest block aligned at start
            while (start + size - 1 > end)
            {
                size >>= 1;
            }

            yield return (Address((uint)start), 32 - System.Numerics.BitOperations.Log2(size));
            start += size;
        }
    }

    /// <summary>Every address of first..last.</summary>
    public static IEnumerable<IPAddress> Each(IPAddress first, IPAddress last)
    {
        for (ulong n = Number(first); n <= Number(last); n++)
        {
            yield return Address((uint)n);
        }
    }

    public static bool InSubnet(IPAddress address, IPAddress network, int prefixLength)
    {
        if (prefixLength == 0)
        {
            return true;
        }

        var mask = uint.MaxValue << (32 - prefixLength);
        return (Number(address) & mask) == (Number(network) & mask);
    }
}
