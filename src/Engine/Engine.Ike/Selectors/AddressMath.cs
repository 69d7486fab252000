using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.Ike.Selectors;

/// <summary>
/// Addresses as 128-bit numbers so that one code path serves IPv4 and IPv6 (an IPv4 address is
/// a number below 2^32 with a bit width of 32).
/// </summary>
internal static class AddressMath
{
    public static int Bits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"{address} does not fit 16 bytes", nameof(address));
        }

        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress ToAddress(UInt128 value, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }

    /// <summary>The host bits of a prefix: all ones below the prefix, zero above it.</summary>
    public static UInt128 HostMask(int prefixLength, AddressFamily family)
    {
        var hostBits = Bits(family) - prefixLength;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }

    /// <summary>The prefix length when first..last is exactly one CIDR block, otherwise null.</summary>
    public static int? PrefixLengthOf(UInt128 first, UInt128 last, AddressFamily family)
    {
        for (var length = 0; length <= Bits(family); length++)
        {
            var mask = HostMask(length, family);
            if ((first & mask) == 0 && (first | mask) == last)
            {
                return length;
            }
        }

        return null;
    }

    /// <summary>The prefix length of a contiguous netmask (e.g. 255.255.255.0 is 24), or null.</summary>
    public static int? PrefixLengthOfMask(IPAddress mask)
    {
        var bits = Bits(mask.AddressFamily);
        var value = ToNumber(mask);
        for (var length = 0; length <= bits; length++)
        {
            if ((value | HostMask(length, mask.AddressFamily)) == (bits == 32 ? uint.MaxValue : UInt128.MaxValue) &&
                (value & HostMask(length, mask.AddressFamily)) == 0)
            {
                return length;
            }
        }

        return null;
    }
}
