using System;
using System.Net;
using System.Net.Sockets;

namespace IpSecPolicy.Model.Values;

/// <summary>Family-neutral arithmetic on addresses as big-endian byte strings.</summary>
public static class IpMath
{
    /// <summary>Orders addresses of one family numerically; IPv4 before IPv6.</summary>
    public static int Compare(IPAddress a, IPAddress b)
    {
        if (a.AddressFamily != b.AddressFamily)
        {
            return a.AddressFamily == AddressFamily.InterNetwork ? -1 : 1;
        }

        var x = a.GetAddressBytes();
        var y = b.GetAddressBytes();
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return 0;
    }

    public static IPAddress Network(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    public static IPAddress LastInNetwork(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    public static bool IsNetworkAddress(IPAddress address, int prefixLength) => Network(address, prefixLength).Equals(address);

    /// <summary>The prefix length of a contiguous mask, or -1 when the mask has holes.</summary>
    public static int MaskToPrefixLength(IPAddress mask)
    {
        var bytes = mask.GetAddressBytes();
        var length = 0;
        var ended = false;
        foreach (var b in bytes)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var set = (b >> bit & 1) == 1;
                if (set && ended)
                {
                    return -1;
                }

                if (set)
                {
                    length++;
                }
                else
                {
                    ended = true;
                }
            }
        }

        return length;
    }

    /// <summary>True when <paramref name="address"/> lies in [first, last] (same family).</summary>
    public static bool InRange(IPAddress address, IPAddress first, IPAddress last) =>
        address.AddressFamily == first.AddressFamily && Compare(address, first) >= 0 && Compare(address, last) <= 0;

    public static bool InSubnet(IPAddress address, IPAddress network, int prefixLength) =>
        address.AddressFamily == network.AddressFamily && Network(address, prefixLength).Equals(network);

    /// <summary>log2 of the number of addresses in [first, last], for ordering by specificity.</summary>
    public static double RangeSizeLog2(IPAddress first, IPAddress last)
    {
        var x = first.GetAddressBytes();
        var y = last.GetAddressBytes();
        double size = 0;
        for (var i = 0; i < x.Length; i++)
        {
            size = size * 256 + (y[i] - x[i]);
        }

        return Math.Log(size + 1, 2);
    }
}
