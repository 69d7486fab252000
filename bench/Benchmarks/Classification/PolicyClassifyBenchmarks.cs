using System;
using BenchmarkDotNet.Attributes;
using IpSecPolicy.Model.Compiler;

namespace IpSecPolicy.Benchmarks.Classification;

/// <summary>
/// CompiledPolicy.Classify, the index lookup the data plane will make per packet, over
/// <see cref="PacketCount"/> prepared packets (three in four hit a specific filter, one in four
/// falls through to the catch-all); the time reported is per lookup, on one core. The issue's
/// targets: at least 5 million lookups per second at 100,000 filters, and no worse than twice the
/// 10-filter time.
/// </summary>
public class PolicyClassifyBenchmarks
{
    public const int PacketCount = 1024;

    private CompiledPolicy compiled = null!;
    private PacketSample[] packets = [];

    [Params(10, 1_000, 10_000, 100_000)]
    public int Filters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = PolicyWorkload.Create(Filters);
        compiled = workload.Compile();
        packets = workload.Packets(PacketCount);

        // The index must agree with the explaining linear scan, or its speed means nothing.
        for (var p = 0; p < 32; p++)
        {
            var packet = packets[p];
            var indexed = compiled.Classify(packet.Source, packet.Destination, packet.Protocol, packet.SourcePort, packet.DestinationPort);
            var scanned = compiled.Match(packet.Source, packet.Destination, packet.Protocol, packet.SourcePort, packet.DestinationPort).DecidedBy;
            if (indexed is null || !ReferenceEquals(indexed, scanned))
            {
                throw new InvalidOperationException($"Classify and Match disagree on packet {p}: {indexed} vs {scanned}.");
            }
        }
    }

    [Benchmark(OperationsPerInvoke = PacketCount)]
    public int Classify()
    {
        var decided = 0;
        foreach (var packet in packets)
        {
            if (compiled.Classify(packet.Source, packet.Destination, packet.Protocol, packet.SourcePort, packet.DestinationPort) is not null)
            {
                decided++;
            }
        }

        return decided;
    }
}
