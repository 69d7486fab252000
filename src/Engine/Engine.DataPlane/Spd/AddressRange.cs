using System;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Spd;

/// <summary>
/// An inclusive range of IPv4 or IPv6 addresses: a host, a prefix or a from-to range, as IKE ID
/// payloads and policy filters express them. Stored as two 128-bit integers (IPv4 mapped into
/// ::ffff:0:0/96), so a match is two comparisons and allocates nothing.
/// </summary>
public readonly struct AddressRange : IEquatable<AddressRange>
{
    private static readonly UInt128 Ipv4Last = IpAddressBits.Ipv4MappedPrefix | uint.MaxValue;

    private AddressRange(UInt128 first, UInt128 last, AddressFamily family)
    {
        First = first;
        Last = last;
        Family = family;
    }

    /// <summary>Every address of both families.</summary>
    public static AddressRange Any { get; } = new(UInt128.Zero, UInt128.MaxValue, AddressFamily.Unspecified);

    /// <summary>Every IPv4 address.</summary>
    public static AddressRange AnyIpv4 { get; } = new(IpAddressBits.Ipv4MappedPrefix, Ipv4Last, AddressFamily.InterNetwork);

    /// <summary>Every IPv6 address.</summary>
    public static AddressRange AnyIpv6 { get; } = new(UInt128.Zero, UInt128.MaxValue, AddressFamily.InterNetworkV6);

    /// <summary><see cref="AddressFamily.InterNetwork"/>, <see cref="AddressFamily.InterNetworkV6"/>, or Unspecified for <see cref="Any"/>.</summary>
    public AddressFamily Family { get; }

    internal UInt128 First { get; }

    internal UInt128 Last { get; }

    /// <summary>The first address of the range.</summary>
    public IPAddress Start => Family == AddressFamily.Unspecified ? IPAddress.IPv6Any : IpAddressBits.ToIpAddress(First, Family);

    /// <summary>The last address of the range.</summary>
    public IPAddress End => Family == AddressFamily.Unspecified
        ? IpAddressBits.ToIpAddress(UInt128.MaxValue, AddressFamily.InterNetworkV6)
        : IpAddressBits.ToIpAddress(Last, Family);

    /// <summary>One address.</summary>
    public static AddressRange Host(IPAddress address)
    {
        var bits = IpAddressBits.From(address);
        return new AddressRange(bits, bits, address.AddressFamily);
    }

    /// <summary>A prefix such as 10.77.0.0/24 or 2001:db8::/64; host bits of <paramref name="network"/> are ignored.</summary>
    public static AddressRange Prefix(IPAddress network, int prefixLength)
    {
        var width = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixLength < 0 || prefixLength > width)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), $"A {network.AddressFamily} prefix length is 0 to {width}.");
        }

        var bits = IpAddressBits.From(network);
        var hostBits = width - prefixLength;
        var hostMask = hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new AddressRange(bits & ~hostMask, bits | hostMask, network.AddressFamily);
    }

    /// <summary>From <paramref name="start"/> to <paramref name="end"/> inclusive, same family, start not after end.</summary>
    public static AddressRange Range(IPAddress start, IPAddress end)
    {
        if (start.AddressFamily != end.AddressFamily)
        {
            throw new ArgumentException($"A range cannot run from {start} to {end}: the families differ.", nameof(end));
        }

        var first = IpAddressBits.From(start);
        var last = IpAddressBits.From(end);
        if (first > last)
        {
            throw new ArgumentException($"A range cannot run from {start} down to {end}.", nameof(end));
        }

        return new AddressRange(first, last, start.AddressFamily);
    }

    /// <summary>True when <paramref name="address"/> is in the range.</summary>
    public bool Contains(IPAddress address) => Contains(IpAddressBits.From(address));

    internal bool Contains(UInt128 address) => address >= First && address <= Last;

    /// <summary>True when a packet address of <paramref name="family"/> is in the range (Any takes both families).</summary>
    internal bool Matches(AddressFamily family, UInt128 address) =>
        (Family == AddressFamily.Unspecified || Family == family) && address >= First && address <= Last;

    public bool Equals(AddressRange other) => First == other.First && Last == other.Last && Family == other.Family;

    public override bool Equals(object? obj) => obj is AddressRange other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(First, Last, Family);

    public static bool operator ==(AddressRange left, AddressRange right) => left.Equals(right);

    public static bool operator !=(AddressRange left, AddressRange right) => !left.Equals(right);

    public override string ToString() => Family == AddressFamily.Unspecified ? "any" : First == Last ? $"{Start}" : $"{Start}-{End}";
}
