using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engine.DataPlane.Ip;

/// <summary>
/// Addresses on the hot path are 128-bit integers, so that matching a selector is two compares
/// and nothing allocates. IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d, RFC 4291
/// section 2.5.5.2): one representation serves both families and no code assumes 4 bytes.
/// </summary>
internal static class IpAddressBits
{
    /// <summary>::ffff:0.0.0.0, the base of the IPv4-mapped block.</summary>
    public static readonly UInt128 Ipv4MappedPrefix = new(0, 0x0000_FFFF_0000_0000UL);

    public static UInt128 FromIpv4(ReadOnlySpan<byte> address) =>
        Ipv4MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(address);

    public static UInt128 FromIpv6(ReadOnlySpan<byte> address) => BinaryPrimitives.ReadUInt128BigEndian(address);

    public static UInt128 From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return FromIpv4(bytes);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address.TryWriteBytes(bytes, out _);
            return FromIpv6(bytes);
        }

        throw new ArgumentException($"{address} is neither an IPv4 nor an IPv6 address.", nameof(address));
    }

    /// <summary>Writes the 4 (IPv4-mapped) or 16 bytes of the address as they travel.</summary>
    public static void Write(UInt128 address, AddressFamily family, Span<byte> destination)
    {
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)address);
        }
        else
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, address);
        }
    }

    public static IPAddress ToIpAddress(UInt128 address, AddressFamily family)
    {
        Span<byte> bytes = stackalloc byte[16];
        Write(address, family, bytes);
        return new IPAddress(family == AddressFamily.InterNetwork ? bytes[..4] : bytes);
    }
}
