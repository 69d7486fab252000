using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace IpSecPolicy.Benchmarks.Classification;

/// <summary>
/// <c>Benchmarks profile-classify ARTIFACTS_DIR</c>: the 100,000-filter lookup benchmark once more,
/// under EventPipe CPU sampling, so that docs/benchmarks.md can say where a lookup's time goes.
/// A separate run because the profiler (and switching inlining off) would distort the figures of
/// the main run.
/// </summary>
public static class ClassifyProfileCommand
{
    public static int Run(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("Usage: Benchmarks profile-classify ARTIFACTS_DIR");
            return 2;
        }

        // With inlining on, the JIT folds the whole lookup (CompiledPolicy.Classify, the index,
        // its probes, the dictionary's hashing) into the benchmark method and the profile can only
        // say "Classify". Without inlining each step keeps its own frame: slower in absolute terms,
        // but it shows where the time goes.
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithEnvironmentVariable("DOTNET_JitNoInline", "1")
            .WithId("profile");
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .WithArtifactsPath(args[0])
            .AddDiagnoser(new EventPipeProfiler(EventPipeProfile.CpuSampling))
            .AddFilter(new SimpleFilter(benchmark => benchmark.Parameters["Filters"] is 100_000));
        var summary = BenchmarkRunner.Run<PolicyClassifyBenchmarks>(config);
        return summary.HasCriticalValidationErrors || summary.Reports.Length == 0 ? 1 : 0;
    }
}
