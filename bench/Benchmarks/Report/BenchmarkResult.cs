using System.Collections.Generic;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>One case of a BenchmarkDotNet run, as its full JSON export has it (times in nanoseconds).</summary>
public sealed record BenchmarkResult(
    string Type,
    string Method,
    IReadOnlyDictionary<string, string> Parameters,
    double MeanNs,
    double ErrorNs,
    long? AllocatedBytes)
{
    public string Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : string.Empty;
}
