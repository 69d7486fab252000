using System;
using BenchmarkDotNet.Running;
using IpSecPolicy.Benchmarks.Classification;

namespace IpSecPolicy.Benchmarks;

/// <summary>
/// <c>Benchmarks [BenchmarkDotNet arguments]</c> runs the micro benchmarks (e.g. <c>--filter '*'</c>);
/// <c>Benchmarks profile-classify DIR</c> profiles the 100,000-filter lookup.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "profile-classify")
        {
            return ClassifyProfileCommand.Run(args.AsSpan(1).ToArray());
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, MicroBenchmarkConfig.Create());
        return 0;
    }
}
