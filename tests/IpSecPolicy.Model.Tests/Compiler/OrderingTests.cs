using System.Linq;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Compiler;

/// <summary>The order of effective filters: each row is a filter that must come before another.</summary>
public sealed class OrderingTests
{
    private static readonly HostContext V4Host = HostContext.ForAddresses("192.0.2.10");

    [Theory]
    // address specificity: host before subnet before any, per side and summed over both sides
    [InlineData("10.0.0.1 > 10.0.0.2 Any", "10.0.0.1 > 10.0.0.0/24 Any")]
    [InlineData("10.0.0.1 > 10.0.0.0/24 Any", "10.0.0.1 > 10.0.0.0/16 Any")]
    [InlineData("Me > 10.0.0.5 Any", "Me > Any Any")]
    [InlineData("Me > Any Any", "Any > Any Any")]
    [InlineData("10.0.0.0/16 > 10.1.0.0/24 Any", "Me > Any Any")]
    [InlineData("10.0.0.0/24 > Any Any", "10.0.0.0/16 > Any Any")]
    [InlineData("10.0.0.5-10.0.0.9 > Any Any", "10.0.0.0/29 > Any Any")]
    [InlineData("10.0.0.0/30 > Any Any", "10.0.0.5-10.0.0.9 > Any Any")]
    [InlineData("2001:db8::1 > 2001:db8::2 Any", "2001:db8::1 > 2001:db8::/64 Any")]
    // address beats protocol and ports
    [InlineData("Me > 10.0.0.5 Any", "Me > 10.0.0.0/24 TCP 0 80")]
    // then protocol
    [InlineData("Me > Any TCP", "Me > Any Any")]
    [InlineData("Me > Any ICMP", "Me > Any Any")]
    // then ports: both, destination only, source only, none
    [InlineData("Me > Any TCP 1024 80", "Me > Any TCP 0 80")]
    [InlineData("Me > Any TCP 0 80", "Me > Any TCP 1024 0")]
    [InlineData("Me > Any TCP 1024 0", "Me > Any TCP")]
    // equally specific: Block, then Negotiate, then Permit
    [InlineData("Me > Any Any Block", "Me > Any Any Negotiate")]
    [InlineData("Me > Any Any Negotiate", "Me > Any Any Permit")]
    [InlineData("Me > Any TCP 0 80 Block", "Me > Any UDP 0 53 Permit")]
    public void The_more_specific_filter_comes_first_whatever_the_rule_order(string first, string second)
    {
        foreach (var reversed in new[] { false, true })
        {
            var rows = reversed ? new[] { second, first } : new[] { first, second };
            var test = new TestPolicy();
            for (var i = 0; i < rows.Length; i++)
            {
                var (filter, action) = Parse(rows[i]);
                test.Rule(rows[i] == first ? "First" : "Second", action, filter);
            }

            var rules = test.Compile(V4Host).Filters.Select(f => f.Rule).Distinct().ToList();

            Assert.Equal(new[] { "First", "Second" }, rules);
        }
    }

    [Fact]
    public void Equal_weights_keep_rule_order_then_filter_order_then_as_written_before_mirrored()
    {
        var compiled = new TestPolicy()
            .Rule("A", FilterActionType.Permit, F("Me", "10.0.0.1"), F("Me", "10.0.0.2"))
            .Rule("B", FilterActionType.Permit, F("Me", "10.0.0.3"))
            .Compile(V4Host);

        Assert.Equal(
            new[] { "A 0 AsWritten", "A 0 Mirrored", "A 1 AsWritten", "A 1 Mirrored", "B 0 AsWritten", "B 0 Mirrored" },
            compiled.Filters.Select(f => $"{f.Rule} {f.FilterIndex} {f.Direction}"));
        Assert.Equal(Enumerable.Range(1, 6), compiled.Filters.Select(f => f.Order));
    }

    [Fact]
    public void The_weight_reads_back_as_address_bits()
    {
        var compiled = new TestPolicy().Rule("A", FilterActionType.Permit, F("Me", "10.0.0.0/8", "TCP", 0, 80)).Compile(V4Host);

        Assert.Equal(40, FilterWeight.AddressBits(compiled.Filters[0].Weight));
    }

    /// <summary>"source > destination protocol [sourcePort destinationPort] [action]".</summary>
    private static (Objects.Filter Filter, FilterActionType Action) Parse(string row)
    {
        var parts = row.Split(' ');
        var protocol = parts[3];
        ushort sourcePort = 0, destinationPort = 0;
        var next = 4;
        if (parts.Length > 5 && ushort.TryParse(parts[4], out sourcePort))
        {
            destinationPort = ushort.Parse(parts[5]);
            next = 6;
        }

        var action = parts.Length > next ? System.Enum.Parse<FilterActionType>(parts[next]) : FilterActionType.Permit;
        return (F(parts[0], parts[2], protocol, sourcePort, destinationPort, mirrored: false), action);
    }
}
