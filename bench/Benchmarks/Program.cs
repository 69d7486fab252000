using BenchmarkDotNet.Running;

namespace IpSecPolicy.Benchmarks;

/// <summary><c>Benchmarks [BenchmarkDotNet arguments]</c> runs the micro benchmarks (e.g. <c>--filter '*'</c>).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, MicroBenchmarkConfig.Create());
        return 0;
    }
}
