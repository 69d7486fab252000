using System;
using System.Collections.Generic;
using System.Net;
using IpSecPolicy.Model.Objects;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Compiler;

public sealed class ClassifyAtScaleTests
{
    // The index skips combinations and stops early; at 100,000 filters the groups are large and
    // the early exit is taken on most packets, so agreement with the walk is checked there too.
    [Fact]
    public void The_index_agrees_with_the_explaining_walk_at_100000_filters()
    {
        var random = new Random(20261124);
        var test = new TestPolicy();
        var actions = new[] { FilterActionType.Permit, FilterActionType.Block, FilterActionType.Negotiate };
        for (var rule = 0; rule < 100; rule++)
        {
            var filters = new List<Filter>();
            for (var i = 0; i < 1000; i++)
            {
                var host = $"10.{random.Next(4)}.{random.Next(8)}.{random.Next(16)}";
                filters.Add((i % 5) switch
                {
                    0 => F("Me", host, "TCP", 0, (ushort)random.Next(1, 6), mirrored: false),
                    1 => F("Me", $"10.{random.Next(4)}.{random.Next(8)}.0/24", "UDP", (ushort)random.Next(0, 3), 0, mirrored: false),
                    2 => F($"10.{random.Next(4)}.0.0/16", "Me", "Any", mirrored: false),
                    3 => F(host, "Any", "ICMP", mirrored: false),
                    _ => F("Me", host, "Any", mirrored: false),
                });
            }

            test.Rule("R" + rule, actions[random.Next(3)], filters.ToArray());
        }

        test.Rule("Catch-all", FilterActionType.Permit, F("Me", "Any", mirrored: false));
        var compiled = test.Compile();
        var me = IPAddress.Parse("192.0.2.10");
        for (var i = 0; i < 300; i++)
        {
            var other = IPAddress.Parse($"10.{random.Next(5)}.{random.Next(9)}.{random.Next(17)}");
            var outbound = random.Next(2) == 0;
            var source = outbound ? me : other;
            var destination = outbound ? other : me;
            var protocol = new byte[] { 1, 6, 17, 50 }[random.Next(4)];
            var ports = protocol is 6 or 17;
            var sourcePort = ports ? (ushort)random.Next(0, 4) : (ushort)0;
            var destinationPort = ports ? (ushort)random.Next(0, 7) : (ushort)0;

            var explained = compiled.Match(source, destination, protocol, sourcePort, destinationPort).DecidedBy;
            var indexed = compiled.Classify(source, destination, protocol, sourcePort, destinationPort);

            Assert.True(ReferenceEquals(explained, indexed), $"{source} -> {destination} {protocol} {sourcePort}->{destinationPort}: walk says {explained}, index says {indexed}");
        }
    }
}
