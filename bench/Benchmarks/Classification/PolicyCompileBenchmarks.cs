using BenchmarkDotNet.Attributes;
using IpSecPolicy.Model.Compiler;

namespace IpSecPolicy.Benchmarks.Classification;

/// <summary>
/// PolicyCompiler.Compile: expansion of Me and mirroring, the most-specific-first sort, and the
/// tuple-space index CompiledPolicy builds, for a <see cref="PolicyWorkload"/> of
/// <see cref="Filters"/> written filters. The target: 100,000 filters in under 1 s.
/// </summary>
public class PolicyCompileBenchmarks
{
    private PolicyWorkload workload = null!;

    [Params(10, 1_000, 10_000, 100_000)]
    public int Filters { get; set; }

    [GlobalSetup]
    public void Setup() => workload = PolicyWorkload.Create(Filters);

    [Benchmark]
    public CompiledPolicy Compile() => workload.Compile();
}
