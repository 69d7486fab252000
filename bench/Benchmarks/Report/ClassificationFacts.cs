using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Benchmarks.Classification;
using IpSecPolicy.Benchmarks.DataPlane;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// Facts about a compiled <see cref="PolicyWorkload"/> that explain its lookup time: how many
/// effective filters, how many tuple-space groups (distinct source/destination prefix-length
/// pairs) and how many filters have a non-prefix side (which the index scans in order).
/// </summary>
public sealed class ClassificationFacts
{
    private ClassificationFacts(int written, int effective, int groups, int ranges, int spdEntries)
    {
        Written = written;
        Effective = effective;
        Groups = groups;
        Ranges = ranges;
        SpdEntries = spdEntries;
    }

    public int Written { get; }

    public int Effective { get; }

    public int Groups { get; }

    /// <summary>Filters with a non-prefix range on a side, which the index scans in order.</summary>
    public int Ranges { get; }

    /// <summary>The data plane's entries for the workload (one per Negotiate effective filter).</summary>
    public int SpdEntries { get; }

    public static ClassificationFacts Of(int filters)
    {
        var workload = PolicyWorkload.Create(filters);
        var compiled = workload.Compile();
        var groups = compiled.Filters
            .Where(f => f.Source.PrefixLength is not null && f.Destination.PrefixLength is not null)
            .Select(f => (f.Family, f.Source.PrefixLength, f.Destination.PrefixLength))
            .Distinct()
            .ToList();
        var ranges = compiled.Filters.Count(f => f.Source.PrefixLength is null || f.Destination.PrefixLength is null);
        return new ClassificationFacts(filters, compiled.Filters.Count, groups.Count, ranges, SpdWorkload.Entries(compiled).Count);
    }

    public static IReadOnlyDictionary<int, ClassificationFacts> ForSizes(IEnumerable<int> sizes) =>
        sizes.ToDictionary(size => size, Of);
}
