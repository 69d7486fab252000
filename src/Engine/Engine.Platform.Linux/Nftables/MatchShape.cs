using System;
using System.Net.Sockets;

namespace Engine.Platform.Linux.Nftables;

/// <summary>How one field of a rule is matched: not at all, on one value, or on an interval (prefix or range).</summary>
internal enum FieldKind : byte
{
    Absent,
    Exact,
    Interval,
}

/// <summary>
/// Which fields a rule matches and how: rules of one shape can share one verdict map, whose key is
/// the concatenation of the present fields. A map whose key has an interval field needs
/// <c>flags interval</c> (an rbtree, or pipapo for a concatenation); an all-exact key is a hash.
/// </summary>
internal readonly record struct MatchShape(
    AddressFamily? Family, FieldKind Source, FieldKind Destination, bool Protocol, FieldKind SourcePorts, FieldKind DestinationPorts)
{
    public static MatchShape Of(EnforcementRule rule) => new(
        rule.AddressFamily,
        Kind(rule.Source),
        Kind(rule.Destination),
        rule.Protocol is not null,
        rule.SourcePorts is { } sourcePorts ? (sourcePorts.First == sourcePorts.Last ? FieldKind.Exact : FieldKind.Interval) : FieldKind.Absent,
        rule.DestinationPorts is { } destinationPorts ? (destinationPorts.First == destinationPorts.Last ? FieldKind.Exact : FieldKind.Interval) : FieldKind.Absent);

    /// <summary>The fields present, whatever their kind: rules alike in this can share a map (a single value is an interval of one).</summary>
    public MatchShape Presence => new(Family, Present(Source), Present(Destination), Protocol, Present(SourcePorts), Present(DestinationPorts));

    /// <summary>The shape of a map holding elements of both shapes: a field is an interval if it is one in either.</summary>
    public MatchShape Union(MatchShape other) => new(Family, Wider(Source, other.Source), Wider(Destination, other.Destination), Protocol,
        Wider(SourcePorts, other.SourcePorts), Wider(DestinationPorts, other.DestinationPorts));

    /// <summary>A rule that matches on nothing has no key to look up.</summary>
    public bool HasKey => Source != FieldKind.Absent || Destination != FieldKind.Absent || Protocol
        || SourcePorts != FieldKind.Absent || DestinationPorts != FieldKind.Absent;

    public bool NeedsInterval => Source == FieldKind.Interval || Destination == FieldKind.Interval
        || SourcePorts == FieldKind.Interval || DestinationPorts == FieldKind.Interval;

    /// <summary>How many of the key's fields are intervals.</summary>
    public int IntervalFields => (Source == FieldKind.Interval ? 1 : 0) + (Destination == FieldKind.Interval ? 1 : 0)
        + (SourcePorts == FieldKind.Interval ? 1 : 0) + (DestinationPorts == FieldKind.Interval ? 1 : 0);

    private static FieldKind Present(FieldKind kind) => kind == FieldKind.Absent ? FieldKind.Absent : FieldKind.Exact;

    private static FieldKind Wider(FieldKind left, FieldKind right) => (FieldKind)Math.Max((byte)left, (byte)right);

    private static FieldKind Kind(AddressMatch? match) =>
        match is null ? FieldKind.Absent : match.First.Equals(match.Last) ? FieldKind.Exact : FieldKind.Interval;
}
