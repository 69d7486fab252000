using System;
using System.Collections.Generic;
using System.Linq;
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

    // Large groups carry a summary (a Bloom filter) in front of their table, IPv4 groups pack
    // their entries into 16 bytes and IPv6 groups do not: thousands of filters per group in both
    // families, probed with the packets they hold and with their neighbours, which they do not.
    [Fact]
    public void The_index_agrees_with_the_explaining_walk_on_large_groups_of_both_families()
    {
        var random = new Random(6);
        var test = new TestPolicy();
        var filters = new List<Filter>();
        for (var i = 0; i < 3000; i++)
        {
            filters.Add(F("Me", $"10.7.{i >> 8}.{i & 255}", "TCP", 0, (ushort)(1 + i % 7), mirrored: true));
            filters.Add(F("Me", $"2001:db8:7::{i:x}", "UDP", 0, (ushort)(1 + i % 5), mirrored: true));
            filters.Add(F($"2001:db8:{i:x}::/48", "Me", "Any", mirrored: false));
        }

        test.Rule("Hosts", FilterActionType.Negotiate, filters.ToArray());
        test.Rule("Catch-all", FilterActionType.Block, F("Me", "Any"));
        var compiled = test.Compile();
        var me4 = IPAddress.Parse("192.0.2.10");
        var me6 = IPAddress.Parse("2001:db8::10");
        for (var i = 0; i < 4000; i++)
        {
            var k = random.Next(3100);
            var inbound = random.Next(2) == 0;
            var (local, remote, protocol, port) = random.Next(3) switch
            {
                0 => (me4, IPAddress.Parse($"10.7.{k >> 8}.{k & 255}"), (byte)6, (ushort)(1 + (k + random.Next(2)) % 7)),
                1 => (me6, IPAddress.Parse($"2001:db8:7::{k:x}"), (byte)17, (ushort)(1 + (k + random.Next(2)) % 5)),
                _ => (me6, IPAddress.Parse($"2001:db8:{k:x}::{random.Next(1, 9)}"), (byte)6, (ushort)443),
            };
            var source = inbound ? remote : local;
            var destination = inbound ? local : remote;
            var sourcePort = inbound ? port : (ushort)40000;
            var destinationPort = inbound ? (ushort)40000 : port;

            var explained = compiled.Match(source, destination, protocol, sourcePort, destinationPort).DecidedBy;
            var indexed = compiled.Classify(source, destination, protocol, sourcePort, destinationPort);

            Assert.True(ReferenceEquals(explained, indexed), $"{source} -> {destination} {protocol} {sourcePort}->{destinationPort}: walk says {explained}, index says {indexed}");
        }
    }

    [Fact]
    public void A_repeated_filter_is_shadowed_by_its_first_copy_among_thousands()
    {
        var filters = new List<Filter>();
        for (var i = 0; i < 2000; i++)
        {
            filters.Add(F("Me", $"10.8.{i >> 8}.{i & 255}", "UDP", 0, 500, mirrored: false));
            filters.Add(F("Me", $"2001:db8:8::{i:x}", "UDP", 0, 500, mirrored: false));
        }

        var compiled = new TestPolicy()
            .Rule("First", FilterActionType.Permit, filters.ToArray())
            .Rule("Again", FilterActionType.Permit, F("Me", "10.8.3.7", "UDP", 0, 500, mirrored: false), F("Me", "2001:db8:8::3e7", "UDP", 0, 500, mirrored: false))
            .Compile();

        foreach (var again in compiled.Filters.Where(f => f.Rule == "Again"))
        {
            var first = compiled.Filters.Single(f => f.Rule == "First" && f.Destination.Equals(again.Destination));
            Assert.Same(first, compiled.ShadowedBy(again));
            Assert.Null(compiled.ShadowedBy(first));
        }
    }
}
