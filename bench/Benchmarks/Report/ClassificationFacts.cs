using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Benchmarks.Classification;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// Facts about a compiled <see cref="PolicyWorkload"/> that explain its lookup time: how many
/// effective filters, how many tuple-space groups (distinct source/destination prefix-length
/// pairs), and how many hash probes the index makes per lookup over the benchmark's packets
/// (per group, one for each "exact or any" combination of protocol, source and destination port
/// that the packet has a value for: up to 8, as FilterIndex.Probe does).
/// </summary>
public sealed class ClassificationFacts
{
    private ClassificationFacts(int written, int effective, int groups, int ranges, double probesPerLookup)
    {
        Written = written;
        Effective = effective;
        Groups = groups;
        Ranges = ranges;
        ProbesPerLookup = probesPerLookup;
    }

    public int Written { get; }

    public int Effective { get; }

    public int Groups { get; }

    /// <summary>Filters with a non-prefix range on a side, which the index scans in order.</summary>
    public int Ranges { get; }

    public double ProbesPerLookup { get; }

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
        var packets = workload.Packets(PolicyClassifyBenchmarks.PacketCount);
        var probes = packets.Average(p =>
            groups.Count(g => g.Family == p.Source.AddressFamily)
            * (p.Protocol == 0 ? 1 : 2) * (p.SourcePort == 0 ? 1 : 2) * (p.DestinationPort == 0 ? 1 : 2));
        return new ClassificationFacts(filters, compiled.Filters.Count, groups.Count, ranges, probes);
    }

    public static IReadOnlyDictionary<int, ClassificationFacts> ForSizes(IEnumerable<int> sizes) =>
        sizes.ToDictionary(size => size, Of);
}
