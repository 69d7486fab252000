using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace IpSecPolicy.Benchmarks;

/// <summary>
/// One job for every benchmark: short enough that the whole set (about 200 cases) fits the
/// issue's 15 minutes on this 2-core machine, long enough to give a stable mean for operations
/// from tens of nanoseconds (payload codecs) to tens of milliseconds (MODP 4096).
/// </summary>
public static class MicroBenchmarkConfig
{
    public static IConfig Create()
    {
        // One process per case (BenchmarkDotNet's default): no JIT or GC state leaks from one
        // case into the next. 3 warm-up and 9 measured iterations of ~100 ms each: on a machine
        // that other work shares, more short iterations give the median (which the report uses)
        // more to choose from than a few long ones.
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("micro");

        return DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            // The full JSON is what `Benchmarks report` reads (the default config already writes
            // GitHub markdown, CSV and HTML for people).
            .AddExporter(JsonExporter.Full)
            // One summary (and one JSON file) for the whole run, whatever the filter selects.
            .WithOptions(ConfigOptions.JoinSummary)
            // Parameter values longer than the default 20 characters are abbreviated in the
            // JSON too, which would leave the report unable to find e.g. "3DES-CBC/HMAC-SHA1-96".
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40));
    }
}
