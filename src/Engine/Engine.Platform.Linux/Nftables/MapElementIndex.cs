using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;

namespace Engine.Platform.Linux.Nftables;

/// <summary>What <see cref="MapElementIndex.Add"/> made of a rule.</summary>
internal enum ElementFit
{
    /// <summary>The rule is an element of the map now.</summary>
    Added,

    /// <summary>An earlier element of the map covers every packet the rule matches: the rule could never decide a packet.</summary>
    Shadowed,

    /// <summary>The rule overlaps an earlier element in part (or the index cannot tell cheaply): it must start a new map.</summary>
    StartNewMap,
}

/// <summary>
/// The keys of one verdict map under construction, to keep its elements disjoint. nftables looks an
/// element up without any order among elements, and interval sets refuse overlapping elements, so a
/// map can only stand for consecutive first-match rules when no packet matches two of its elements.
/// </summary>
/// <remarks>
/// Elements that differ in a field matched exactly never overlap, so elements are grouped by their
/// exact fields (a hash lookup). Within a group only the interval fields can overlap: with one such
/// field the group's intervals are disjoint and sorted, and the one with the greatest start not
/// after the new interval's end is the only candidate; with several, the group is compared pairwise
/// up to <see cref="PairwiseLimit"/> elements, beyond which a new map is started (always correct, only
/// less compact).
/// </remarks>
internal sealed class MapElementIndex
{
    private const int PairwiseLimit = 64;
    private const int FieldCount = 5;

    private readonly MatchShape shape;
    private readonly HashSet<ExactKey> exactKeys = [];
    private readonly Dictionary<ExactKey, SortedSet<Interval>> singleIntervals = [];
    private readonly Dictionary<ExactKey, List<Interval[]>> multipleIntervals = [];

    public MapElementIndex(MatchShape shape)
    {
        this.shape = shape;
    }

    public ElementFit Add(EnforcementRule rule)
    {
        Span<Interval> fields = stackalloc Interval[FieldCount];
        Fields(rule, fields);
        var key = new ExactKey(
            Exact(fields[0], shape.Source), Exact(fields[1], shape.Destination), fields[2].Low,
            Exact(fields[3], shape.SourcePorts), Exact(fields[4], shape.DestinationPorts));
        switch (shape.IntervalFields)
        {
            case 0:
                return exactKeys.Add(key) ? ElementFit.Added : ElementFit.Shadowed;
            case 1:
                return AddSingle(key, fields[IntervalField()]);
            default:
                return AddMultiple(key, fields);
        }
    }

    private ElementFit AddSingle(ExactKey key, Interval interval)
    {
        if (!singleIntervals.TryGetValue(key, out SortedSet<Interval>? group))
        {
            singleIntervals[key] = group = new SortedSet<Interval>(IntervalOrder.Instance);
        }
        else
        {
            // The group's intervals are disjoint, so their ends rise with their starts: the last one
            // starting at or before the new end is the only one that can reach the new start.
            SortedSet<Interval> before = group.GetViewBetween(new Interval(UInt128.Zero, UInt128.Zero), new Interval(interval.High, UInt128.MaxValue));
            if (before.Count > 0 && before.Max is var candidate && candidate.High >= interval.Low)
            {
                return candidate.Covers(interval) ? ElementFit.Shadowed : ElementFit.StartNewMap;
            }
        }

        group.Add(interval);
        return ElementFit.Added;
    }

    private ElementFit AddMultiple(ExactKey key, ReadOnlySpan<Interval> fields)
    {
        if (!multipleIntervals.TryGetValue(key, out List<Interval[]>? group))
        {
            multipleIntervals[key] = group = [];
        }

        foreach (Interval[] earlier in group)
        {
            bool overlaps = true;
            bool covers = true;
            for (int field = 0; field < FieldCount && overlaps; field++)
            {
                overlaps = earlier[field].High >= fields[field].Low && fields[field].High >= earlier[field].Low;
                covers &= earlier[field].Covers(fields[field]);
            }

            if (overlaps)
            {
                return covers ? ElementFit.Shadowed : ElementFit.StartNewMap;
            }
        }

        if (group.Count >= PairwiseLimit)
        {
            return ElementFit.StartNewMap;
        }

        group.Add(fields.ToArray());
        return ElementFit.Added;
    }

    private int IntervalField() =>
        shape.Source == FieldKind.Interval ? 0
        : shape.Destination == FieldKind.Interval ? 1
        : shape.SourcePorts == FieldKind.Interval ? 3
        : 4;

    private static UInt128 Exact(Interval field, FieldKind kind) => kind == FieldKind.Exact ? field.Low : UInt128.Zero;

    // An absent field is the whole (empty) interval [0, 0] in every element of the shape, so it never separates two elements.
    private static void Fields(EnforcementRule rule, Span<Interval> fields)
    {
        fields[0] = rule.Source is { } source ? new Interval(Value(source.First), Value(source.Last)) : default;
        fields[1] = rule.Destination is { } destination ? new Interval(Value(destination.First), Value(destination.Last)) : default;
        fields[2] = rule.Protocol is { } protocol ? new Interval(protocol, protocol) : default;
        fields[3] = rule.SourcePorts is { } sourcePorts ? new Interval(sourcePorts.First, sourcePorts.Last) : default;
        fields[4] = rule.DestinationPorts is { } destinationPorts ? new Interval(destinationPorts.First, destinationPorts.Last) : default;
    }

    private static UInt128 Value(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        return length == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private readonly record struct ExactKey(UInt128 Source, UInt128 Destination, UInt128 Protocol, UInt128 SourcePort, UInt128 DestinationPort);

    private readonly record struct Interval(UInt128 Low, UInt128 High)
    {
        public bool Covers(Interval other) => Low <= other.Low && other.High <= High;
    }

    private sealed class IntervalOrder : IComparer<Interval>
    {
        public static readonly IntervalOrder Instance = new();

        public int Compare(Interval x, Interval y)
        {
            int low = x.Low.CompareTo(y.Low);
            return low != 0 ? low : x.High.CompareTo(y.High);
        }
    }
}
