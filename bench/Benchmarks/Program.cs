using System;
using BenchmarkDotNet.Running;
using IpSecPolicy.Benchmarks.Classification;
using IpSecPolicy.Benchmarks.Report;

namespace IpSecPolicy.Benchmarks;

/// <summary>
/// <c>Benchmarks [BenchmarkDotNet arguments]</c> runs the micro benchmarks (e.g. <c>--filter '*'</c>);
/// <c>Benchmarks profile-classify DIR</c> profiles the 100,000-filter lookup; <c>Benchmarks report ...</c>
/// turns the JSON results into docs/benchmarks.md; <c>Benchmarks system-report ...</c> writes the
/// whole-system section of bench/run-system.sh's results into it. bench/run-micro.sh does the first
/// three; the split lets the document be regenerated from saved results without a rerun.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "report")
        {
            return ReportCommand.Run(args.AsSpan(1).ToArray());
        }

        if (args.Length > 0 && args[0] == "system-report")
        {
            return SystemReportCommand.Run(args.AsSpan(1).ToArray());
        }

        if (args.Length > 0 && args[0] == "profile-classify")
        {
            return ClassifyProfileCommand.Run(args.AsSpan(1).ToArray());
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, MicroBenchmarkConfig.Create());
        return 0;
    }
}
