using System.Collections.Generic;

namespace IpSecPolicy.Benchmarks.Report;

/// <summary>
/// One case of a BenchmarkDotNet run, as its full JSON export has it (times in nanoseconds).
/// <see cref="TimeNs"/> is the median of the measured iterations, not their mean: on a machine
/// other work shares, an iteration that lost the CPU drags a mean up but barely moves a median.
/// <see cref="ErrorNs"/> is BenchmarkDotNet's 99.9% margin of the mean, kept as the noise gauge.
/// </summary>
public sealed record BenchmarkResult(
    string Type,
    string Method,
    IReadOnlyDictionary<string, string> Parameters,
    double TimeNs,
    double ErrorNs,
    long? AllocatedBytes)
{
    public string Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : string.Empty;
}
