using System;
using BenchmarkDotNet.Attributes;
using Engine.DataPlane.Pipeline;
using IpSecPolicy.Benchmarks.Classification;

namespace IpSecPolicy.Benchmarks.DataPlane;

/// <summary>
/// Packets classified per core in the data plane (issue 6, "policy at scale": the data plane at
/// 100,000 filters against 10): the engine's outbound loop over an in-memory TUN device, one
/// packet per <c>ProcessNext</c>: copy in, parse, SPD lookup, discard. The SPD holds one entry per
/// Negotiate filter of <see cref="PolicyWorkload"/> (<see cref="SpdWorkload"/>); the packets are
/// the classification benchmark's 1,024, so both benchmarks see the same traffic.
/// </summary>
public class DataPlaneClassifyBenchmarks
{
    public const int PacketCount = PolicyClassifyBenchmarks.PacketCount;

    private IpsecDataPlane plane = null!;
    private OutboundPacketLoop loop = null!;

    [Params(10, 1_000, 10_000, 100_000)]
    public int Filters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = PolicyWorkload.Create(Filters);
        var compiled = workload.Compile();
        plane = new IpsecDataPlane();
        var entries = SpdWorkload.Entries(compiled);
        foreach (var entry in entries)
        {
            plane.AddPolicy(entry);
        }

        loop = plane.CreateOutboundLoop(new CyclingTunDevice(SpdWorkload.Packets(workload.Packets(PacketCount))));

        // Every packet must be classified: to an entry, or (the workload's Any-to-host Block filters,
        // which never reach the SPD) to none after a full lookup; none may be refused as malformed.
        for (var i = 0; i < PacketCount; i++)
        {
            loop.ProcessNext();
        }

        var statistics = plane.GetStatistics();
        if (statistics.OutboundDiscarded + statistics.OutboundWithoutPolicy != PacketCount || statistics.OutboundDiscarded < PacketCount * 3 / 4)
        {
            throw new InvalidOperationException($"Of {PacketCount} packets {statistics.OutboundDiscarded} were classified, {statistics.OutboundWithoutPolicy} found no entry, {statistics.OutboundMalformed} were malformed.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        loop.Dispose();
        plane.Dispose();
    }

    [Benchmark(OperationsPerInvoke = PacketCount)]
    public void ProcessPackets()
    {
        for (var i = 0; i < PacketCount; i++)
        {
            loop.ProcessNext();
        }
    }
}
