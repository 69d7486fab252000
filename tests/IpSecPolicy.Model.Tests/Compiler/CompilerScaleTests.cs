using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Compiler;

/// <summary>
/// The compiler at issue 6's scale. How fast it is lives in the benchmarks (docs/benchmarks.md),
/// never in a timed unit test; this checks it is right at 100,000 filters.
/// </summary>
public sealed class CompilerScaleTests
{
    private static readonly HostContext V4Host = HostContext.ForAddresses("192.0.2.10");

    [Fact]
    public void One_hundred_thousand_filters_compile_and_classify()
    {
        var test = new TestPolicy();
        var filters = Enumerable.Range(0, 100_000)
            .Select(i => F("Me", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", "TCP", 0, (ushort)(1 + i % 1000), mirrored: false))
            .ToArray();
        test.Rule("Many", FilterActionType.Permit, filters);

        var compiled = test.Compile(V4Host);

        Assert.Equal(100_000, compiled.Filters.Count);
        var probe = compiled.Filters[12345];
        Assert.Same(probe, compiled.Classify(IPAddress.Parse("192.0.2.10"), probe.Destination.First, 6, 40000, probe.DestinationPort));
    }
}
