using System;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Compiler;

/// <summary>Runs alone (no other test class of this assembly in parallel), so the clock measures the compiler.</summary>
[CollectionDefinition(nameof(CompilerTimingTests), DisableParallelization = true)]
public sealed class CompilerTimingCollection
{
}

[Collection(nameof(CompilerTimingTests))]
public sealed class CompilerTimingTests
{
    private static readonly HostContext V4Host = HostContext.ForAddresses("192.0.2.10");

    /// <summary>
    /// Issue 6's target is 1 s for 100,000 filters; this machine measures about 0.5-0.8 s. The bound
    /// here is loose because CI shares 2 cores with other test assemblies: it catches a quadratic
    /// compiler (minutes), not a few percent.
    /// </summary>
    [Fact]
    public void One_hundred_thousand_filters_compile_in_well_under_a_few_seconds()
    {
        var test = new TestPolicy();
        var filters = Enumerable.Range(0, 100_000)
            .Select(i => F("Me", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", "TCP", 0, (ushort)(1 + i % 1000), mirrored: false))
            .ToArray();
        test.Rule("Many", FilterActionType.Permit, filters);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var compiled = test.Compile(V4Host);

        clock.Stop();
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Assert.Equal(100_000, compiled.Filters.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Compiling 100,000 filters took {clock.Elapsed.TotalMilliseconds:F0} ms ({cpu.TotalMilliseconds:F0} ms of CPU).");
        Assert.Same(compiled.Filters[12345], compiled.Classify(IPAddress.Parse("192.0.2.10"), compiled.Filters[12345].Destination.First, 6, 40000, compiled.Filters[12345].DestinationPort));
    }
}
