using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// A concrete, family-bound set of addresses: one host, a prefix, an inclusive range, or the whole
/// family. What an effective filter matches on each side once Me, names and tokens are resolved.
/// </summary>
public sealed class AddressBlock : IEquatable<AddressBlock>
{
    private AddressBlock(AddressFamily family, Ip128 start, Ip128 end, int? prefixLength)
    {
        Family = family;
        Start = start;
        End = end;
        PrefixLength = prefixLength;
    }

    public AddressFamily Family { get; }

    /// <summary>The first address of the block.</summary>
    public IPAddress First => Start.ToAddress(Family);

    /// <summary>The last address of the block.</summary>
    public IPAddress Last => End.ToAddress(Family);

    /// <summary>The prefix length when the block is a prefix (32/128 for a host); null for other ranges.</summary>
    public int? PrefixLength { get; }

    /// <summary>Every address of the family.</summary>
    public bool IsAny => PrefixLength == 0;

    /// <summary>Exactly one address.</summary>
    public bool IsHost => Start.Equals(End);

    /// <summary>"IPv4" or "IPv6", for tables.</summary>
    public string FamilyName => Family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";

    /// <summary>
    /// How many address bits the block pins down: the prefix length, the full length for a host, 0 for
    /// Any, and for a range the full length less log2 of its size. The compiler's specificity measure.
    /// </summary>
    public double FixedBits => PrefixLength ?? Ip128.Bits(Family) - Math.Log(Ip128.Distance(Start, End) + 1, 2);

    internal Ip128 Start { get; }

    internal Ip128 End { get; }

    public static AddressBlock Any(AddressFamily family) => new(family, default, default(Ip128).Fill(0, family), 0);

    public static AddressBlock Host(IPAddress address)
    {
        var value = Ip128.From(address);
        return new AddressBlock(address.AddressFamily, value, value, Ip128.Bits(address.AddressFamily));
    }

    public static AddressBlock Prefix(IPAddress network, int prefixLength)
    {
        var family = network.AddressFamily;
        if (prefixLength < 0 || prefixLength > Ip128.Bits(family))
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength));
        }

        var start = Ip128.From(network).Mask(prefixLength, family);
        return new AddressBlock(family, start, start.Fill(prefixLength, family), prefixLength);
    }

    /// <summary>An inclusive range; one that is exactly a prefix becomes that prefix.</summary>
    public static AddressBlock Range(IPAddress first, IPAddress last)
    {
        if (first.AddressFamily != last.AddressFamily)
        {
            throw new ArgumentException("A range cannot mix IPv4 and IPv6.", nameof(last));
        }

        var family = first.AddressFamily;
        var start = Ip128.From(first);
        var end = Ip128.From(last);
        if (start.CompareTo(end) > 0)
        {
            throw new ArgumentException("A range cannot end before it starts.", nameof(last));
        }

        for (var length = 0; length <= Ip128.Bits(family); length++)
        {
            if (start.Mask(length, family).Equals(start) && start.Fill(length, family).Equals(end))
            {
                return new AddressBlock(family, start, end, length);
            }
        }

        return new AddressBlock(family, start, end, null);
    }

    /// <summary>The block a fixed filter address (address, subnet, range) stands for; null for the symbolic forms.</summary>
    public static AddressBlock? FromFilterAddress(FilterAddress address) => address.Kind switch
    {
        FilterAddressKind.Address => Host(address.Address!),
        FilterAddressKind.Subnet => Prefix(address.Address!, address.PrefixLength),
        FilterAddressKind.Range => Range(address.Address!, address.RangeEnd!),
        _ => null,
    };

    public bool Contains(IPAddress address) =>
        address.AddressFamily == Family && Contains(Ip128.From(address));

    /// <summary>True when every address of <paramref name="other"/> is in this block.</summary>
    public bool Covers(AddressBlock other) => other.Family == Family && Start <= other.Start && other.End <= End;

    /// <summary>True when the two blocks share at least one address.</summary>
    public bool Overlaps(AddressBlock other) => other.Family == Family && Start <= other.End && other.Start <= End;

    public override string ToString()
    {
        if (IsAny)
        {
            return "Any";
        }

        if (IsHost)
        {
            return First.ToString();
        }

        return PrefixLength is int length
            ? $"{First}/{length.ToString(CultureInfo.InvariantCulture)}"
            : $"{First}-{Last}";
    }

    public bool Equals(AddressBlock? other) =>
        other is not null && Family == other.Family && Start.Equals(other.Start) && End.Equals(other.End);

    public override bool Equals(object? obj) => Equals(obj as AddressBlock);

    public override int GetHashCode() => ((int)Family * 397) ^ Start.GetHashCode() ^ (End.GetHashCode() * 7);

    internal bool Contains(Ip128 address) => Start <= address && address <= End;
}
