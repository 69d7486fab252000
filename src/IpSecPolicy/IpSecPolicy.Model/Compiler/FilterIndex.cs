using System;
using System.Collections.Generic;
using System.Net.Sockets;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// A tuple-space index over the ordered effective filters (Srinivasan, Suri and Varghese, "Packet
/// classification using tuple space search", SIGCOMM 1999): filters whose two sides are prefixes
/// are grouped by (family, source prefix length, destination prefix length); within a group a hash
/// table maps the exact (source prefix, destination prefix, protocol, source port, destination port)
/// to the earliest filter with those fields (a later one with the same fields can never decide).
/// A lookup probes each group with the packet's masked addresses and the 8 combinations of
/// "exact or any" for protocol and ports, so it costs O(groups), not O(filters). Filters with a
/// non-prefix range on a side (rare) are kept in a list scanned in order.
/// Two refinements keep a lookup to the few buckets that can matter: a group records which of the
/// 8 exact/any combinations its filters use and probes only those, and groups are sorted by their
/// earliest filter so that a lookup stops at the first group that cannot beat the match in hand.
/// </summary>
internal sealed partial class FilterIndex
{
    /// <summary>"No filter found": above every order.</summary>
    private const int NoMatch = int.MaxValue;

    // Sorted by MinOrder once built: the early exit in Classify depends on it.
    private readonly Group[] groups;
    private readonly List<EffectiveFilter> ranges = new();

    // The filters by order (byOrder[order - 1]): the tables hold orders, and a lookup turns the
    // winning order into its filter once, at the end, instead of reading a filter per probe.
    private readonly EffectiveFilter[] byOrder;

    /// <summary>Builds the index; <paramref name="ordered"/> must be in compiled order, with orders 1 to N.</summary>
    public FilterIndex(IReadOnlyList<EffectiveFilter> ordered)
    {
        byOrder = new EffectiveFilter[ordered.Count];
        var byTuple = new Dictionary<Tuple, Group>();
        foreach (var filter in ordered)
        {
            if (filter.Order < 1 || filter.Order > byOrder.Length || byOrder[filter.Order - 1] is not null)
            {
                throw new ArgumentException($"Effective filters must be numbered 1 to {byOrder.Length} once each; found order {filter.Order}.", nameof(ordered));
            }

            byOrder[filter.Order - 1] = filter;
            if (filter.Source.PrefixLength is not int sourceLength || filter.Destination.PrefixLength is not int destinationLength)
            {
                ranges.Add(filter);
                continue;
            }

            var tuple = new Tuple(filter.Family, sourceLength, destinationLength);
            if (!byTuple.TryGetValue(tuple, out var group))
            {
                group = new Group(tuple, narrowEntries: filter.Family == AddressFamily.InterNetwork && byOrder.Length <= NarrowEntry.MaxOrder);
                byTuple.Add(tuple, group);
            }

            group.Add(filter);
        }

        groups = new Group[byTuple.Count];
        byTuple.Values.CopyTo(groups, 0);
        Array.Sort(groups, (a, b) => a.MinOrder.CompareTo(b.MinOrder));
        foreach (var group in groups)
        {
            group.Seal();
        }
    }

    /// <summary>The filter that decides this packet (the matching one with the lowest order), or null.</summary>
    public EffectiveFilter? Classify(AddressFamily family, Ip128 source, Ip128 destination, byte protocol, ushort sourcePort, ushort destinationPort)
    {
        var best = NoMatch;
        foreach (var group in groups)
        {
            if (group.MinOrder > best)
            {
                // Every later group starts after the match in hand, so none of them can decide.
                break;
            }

            var tuple = group.Tuple;
            if (tuple.Family != family)
            {
                continue;
            }

            var s = source.Mask(tuple.SourceLength, family);
            var d = destination.Mask(tuple.DestinationLength, family);
            best = Probe(group, s, d, protocol, sourcePort, destinationPort, best);
        }

        foreach (var filter in ranges)
        {
            if (filter.Order > best)
            {
                break;
            }

            if (filter.Family == family && filter.Source.Contains(source) && filter.Destination.Contains(destination)
                && (filter.Protocol == 0 || filter.Protocol == protocol)
                && (filter.SourcePort == 0 || filter.SourcePort == sourcePort)
                && (filter.DestinationPort == 0 || filter.DestinationPort == destinationPort))
            {
                return filter;
            }
        }

        return best == NoMatch ? null : byOrder[best - 1];
    }

    /// <summary>
    /// The earliest filter ordered before <paramref name="filter"/> that matches every packet it
    /// matches (so <paramref name="filter"/> never decides), or null.
    /// </summary>
    public EffectiveFilter? FirstCovering(EffectiveFilter filter)
    {
        // Only orders below the filter's own count.
        var best = filter.Order;
        var family = filter.Family;
        foreach (var group in groups)
        {
            if (group.MinOrder >= best)
            {
                // Groups are sorted by their earliest filter: no later group holds a better candidate.
                break;
            }

            var tuple = group.Tuple;
            if (tuple.Family != family)
            {
                continue;
            }

            var s = filter.Source.Start.Mask(tuple.SourceLength, family);
            var d = filter.Destination.Start.Mask(tuple.DestinationLength, family);
            if (!filter.Source.End.Mask(tuple.SourceLength, family).Equals(s) || !filter.Destination.End.Mask(tuple.DestinationLength, family).Equals(d))
            {
                // A prefix of this length cannot hold the whole side.
                continue;
            }

            best = Probe(group, s, d, filter.Protocol, filter.SourcePort, filter.DestinationPort, best);
        }

        foreach (var candidate in ranges)
        {
            if (candidate.Order >= best)
            {
                break;
            }

            if (filter.IsCoveredBy(candidate))
            {
                return candidate;
            }
        }

        return best == filter.Order ? null : byOrder[best - 1];
    }

    /// <summary>
    /// Looks up the exact and "any" variants of protocol and ports; returns the lowest order found
    /// below <paramref name="best"/>, or <paramref name="best"/>. Exact-valued fields of the probe
    /// match a filter's exact value or its 0.
    /// </summary>
    private static int Probe(Group group, Ip128 source, Ip128 destination, byte protocol, ushort sourcePort, ushort destinationPort, int best)
    {
        // A combination whose exact field is 0 in the probe is the same key as its "any" variant.
        var allowed = (int)group.Combinations;
        if (protocol == 0)
        {
            allowed &= Group.WithoutExactProtocol;
        }

        if (sourcePort == 0)
        {
            allowed &= Group.WithoutExactSourcePort;
        }

        if (destinationPort == 0)
        {
            allowed &= Group.WithoutExactDestinationPort;
        }

        for (var combination = 0; combination < 8; combination++)
        {
            if ((allowed & (1 << combination)) == 0)
            {
                continue;
            }

            var found = group.Find(source, destination,
                (combination & Group.ExactProtocol) == 0 ? (byte)0 : protocol,
                (combination & Group.ExactSourcePort) == 0 ? (ushort)0 : sourcePort,
                (combination & Group.ExactDestinationPort) == 0 ? (ushort)0 : destinationPort);
            if (found != 0 && found < best)
            {
                best = found;
            }
        }

        return best;
    }

    private readonly struct Tuple : IEquatable<Tuple>
    {
        public Tuple(AddressFamily family, int sourceLength, int destinationLength)
        {
            Family = family;
            SourceLength = sourceLength;
            DestinationLength = destinationLength;
        }

        public AddressFamily Family { get; }

        public int SourceLength { get; }

        public int DestinationLength { get; }

        public bool Equals(Tuple other) => Family == other.Family && SourceLength == other.SourceLength && DestinationLength == other.DestinationLength;

        public override bool Equals(object? obj) => obj is Tuple other && Equals(other);

        public override int GetHashCode() => ((int)Family * 257 + SourceLength) * 257 + DestinationLength;
    }
}
