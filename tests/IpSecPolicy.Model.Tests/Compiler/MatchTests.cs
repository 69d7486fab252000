using System;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using static IpSecPolicy.Model.Tests.Compiler.TestPolicy;

namespace IpSecPolicy.Model.Tests.Compiler;

public sealed class MatchTests
{
    private static readonly IPAddress Me4 = IPAddress.Parse("192.0.2.10");

    private static CompiledPolicy Sample() => new TestPolicy()
        .Rule("Block telnet", FilterActionType.Block, F("Me", "Any", "TCP", 0, 23))
        .Rule("Secure server", FilterActionType.Negotiate, F("Me", "10.0.0.5"))
        .Rule("Exempt backup", FilterActionType.Permit, F("Me", "10.9.9.9", "TCP", 0, 10000))
        .Rule("All traffic", FilterActionType.Negotiate, F("Me", "Any"))
        .Compile();

    [Fact]
    public void The_most_specific_matching_filter_decides_and_the_others_say_why_they_lost()
    {
        var result = Sample().Match(Me4, IPAddress.Parse("10.0.0.5"), 6, 40000, 23);

        Assert.Equal("Secure server", result.Rule);
        Assert.Equal(FilterActionType.Negotiate, result.Action);
        Assert.Equal("Secure server action", result.FilterAction);
        var decided = Assert.Single(result.Candidates, c => c.Outcome == CandidateOutcome.Decided);
        Assert.Same(result.DecidedBy, decided.Filter);

        var before = result.Candidates.TakeWhile(c => c.Outcome != CandidateOutcome.Decided).ToList();
        Assert.Equal(new[] { "Exempt backup", "Exempt backup" }, before.Select(c => c.Rule));
        Assert.Equal(new PacketField?[] { PacketField.DestinationAddress, PacketField.SourceAddress }, before.Select(c => c.Mismatch));
        Assert.Contains("10.0.0.5 is not in 10.9.9.9", before[0].Reason);

        var losers = result.Candidates.SkipWhile(c => c.Outcome != CandidateOutcome.Decided).Skip(1).ToList();
        Assert.Equal(new[] { "Block telnet", "All traffic" }, losers.Select(c => c.Rule));
        Assert.All(losers, c => Assert.Equal(CandidateOutcome.LessSpecific, c.Outcome));
        Assert.Contains("less specific than #", losers[0].Reason);
        Assert.Equal(result.Candidates.Select(c => c.Order).OrderBy(o => o), result.Candidates.Select(c => c.Order));
    }

    [Fact]
    public void A_port_specific_filter_decides_its_port_only()
    {
        var compiled = Sample();

        Assert.Equal("Block telnet", compiled.Match(Me4, IPAddress.Parse("198.51.100.1"), 6, 40000, 23).Rule);
        var other = compiled.Match(Me4, IPAddress.Parse("198.51.100.1"), 6, 40000, 22);
        Assert.Equal("All traffic", other.Rule);
        Assert.Contains(other.Candidates, c => c.Rule == "Block telnet" && c.Mismatch == PacketField.DestinationPort);
    }

    [Fact]
    public void The_mirrored_direction_matches_the_reply()
    {
        var result = Sample().Match(IPAddress.Parse("198.51.100.1"), Me4, 6, 23, 40000);

        Assert.Equal("Block telnet", result.Rule);
        Assert.Equal(FilterDirection.Mirrored, result.DecidedBy!.Direction);
    }

    [Fact]
    public void A_packet_no_filter_matches_is_permitted_in_the_clear()
    {
        var result = Sample().Match(IPAddress.Parse("198.51.100.1"), IPAddress.Parse("198.51.100.2"), 17, 1, 2);

        Assert.False(result.Matched);
        Assert.Null(result.Rule);
        Assert.Equal(FilterActionType.Permit, result.Action);
        Assert.StartsWith("Permit (no filter matches", result.Verdict);
        Assert.All(result.Candidates, c => Assert.Equal(CandidateOutcome.NotMatched, c.Outcome));
    }

    [Fact]
    public void Only_filters_of_the_packets_family_are_considered_and_icmp_means_icmpv6_on_ipv6()
    {
        var compiled = new TestPolicy().Rule("Ping", FilterActionType.Permit, F("Me", "Any", "ICMP")).Compile();

        var result = compiled.Match(IPAddress.Parse("2001:db8::10"), IPAddress.Parse("2001:db8::99"), 1);

        Assert.Equal("Ping", result.Rule);
        Assert.Equal(58, result.Protocol);
        Assert.Equal("ICMPv6", result.ProtocolName);
        Assert.All(result.Candidates, c => Assert.Equal("IPv6", c.Filter.FamilyName));
    }

    [Fact]
    public void A_packet_of_mixed_families_or_with_ports_on_icmp_is_refused()
    {
        var compiled = Sample();

        Assert.Equal(ErrorIds.InvalidPacket, Assert.Throws<PolicyException>(() => compiled.Match(Me4, IPAddress.Parse("2001:db8::1"), 6)).ErrorId);
        Assert.Equal(ErrorIds.PortsRequireTcpOrUdp, Assert.Throws<PolicyException>(() => compiled.Match(Me4, Me4, 1, 0, 80)).ErrorId);
    }

    [Fact]
    public void The_index_classifies_every_packet_as_the_explaining_walk_does()
    {
        var random = new Random(20240501);
        var test = new TestPolicy();
        string[] addresses = { "Me", "Any", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3", "10.1.2.4-10.1.2.40", "192.0.2.0/24", "2001:db8::/32", "2001:db8::5" };
        string[] protocols = { "Any", "TCP", "UDP", "ICMP" };
        var actions = new[] { FilterActionType.Permit, FilterActionType.Block, FilterActionType.Negotiate };
        for (var rule = 0; rule < 12; rule++)
        {
            var filters = Enumerable.Range(0, 6).Select(_ =>
            {
                var protocol = protocols[random.Next(protocols.Length)];
                var ports = protocol is "TCP" or "UDP";
                return F(addresses[random.Next(addresses.Length)], addresses[random.Next(addresses.Length)], protocol,
                    ports && random.Next(2) == 0 ? (ushort)random.Next(1, 4) : (ushort)0,
                    ports && random.Next(2) == 0 ? (ushort)random.Next(1, 4) : (ushort)0, random.Next(3) > 0);
            }).ToArray();
            test.Rule("R" + rule, actions[random.Next(3)], filters);
        }

        var compiled = test.Compile();
        string[] hosts4 = { "192.0.2.10", "10.1.2.3", "10.1.2.4", "10.1.2.41", "10.2.0.1", "192.0.2.99", "203.0.113.1" };
        string[] hosts6 = { "2001:db8::10", "2001:db8::5", "2001:db8:1::1", "2001:db9::1" };
        for (var i = 0; i < 3000; i++)
        {
            var pool = random.Next(3) == 0 ? hosts6 : hosts4;
            var source = IPAddress.Parse(pool[random.Next(pool.Length)]);
            var destination = IPAddress.Parse(pool[random.Next(pool.Length)]);
            var protocol = new byte[] { 1, 6, 17, 50 }[random.Next(4)];
            var ports = protocol is 6 or 17;
            var sourcePort = ports ? (ushort)random.Next(0, 4) : (ushort)0;
            var destinationPort = ports ? (ushort)random.Next(0, 4) : (ushort)0;

            var explained = compiled.Match(source, destination, protocol, sourcePort, destinationPort).DecidedBy;
            var indexed = compiled.Classify(source, destination, protocol, sourcePort, destinationPort);

            Assert.True(ReferenceEquals(explained, indexed), $"{source} -> {destination} {protocol} {sourcePort}->{destinationPort}: walk says {explained}, index says {indexed}");
        }
    }

    [Fact]
    public void A_broader_filter_never_shadows_a_narrower_one_because_the_narrower_is_ordered_first()
    {
        var compiled = new TestPolicy()
            .Rule("Broad", FilterActionType.Block, F("Me", "10.0.0.0/8", mirrored: false))
            .Rule("Narrow TCP", FilterActionType.Permit, F("Me", "10.0.0.0/8", "TCP", 0, 80, mirrored: false))
            .Rule("Range", FilterActionType.Permit, F("10.0.0.1-10.0.0.6", "Any", mirrored: false))
            .Rule("Inside range", FilterActionType.Permit, F("10.0.0.2", "Any", "UDP", mirrored: false))
            .Compile(HostContext.ForAddresses("192.0.2.10"));

        var narrow = compiled.Filters.Single(f => f.Rule == "Narrow TCP");
        var broad = compiled.Filters.Single(f => f.Rule == "Broad");
        var inside = compiled.Filters.Single(f => f.Rule == "Inside range");
        var range = compiled.Filters.Single(f => f.Rule == "Range");

        Assert.Null(compiled.ShadowedBy(broad));
        Assert.Null(compiled.ShadowedBy(narrow));
        Assert.Null(compiled.ShadowedBy(inside));
        Assert.Null(compiled.ShadowedBy(range));
    }

    [Fact]
    public void Equal_filters_of_two_rules_shadow_the_later_one_through_the_index_and_a_range()
    {
        var compiled = new TestPolicy()
            .Rule("First", FilterActionType.Block, F("Me", "10.0.0.0/8", "TCP", mirrored: false))
            .Rule("Second", FilterActionType.Permit, F("Me", "10.0.0.0/8", "TCP", 0, 0, mirrored: false))
            .Rule("Wide range", FilterActionType.Block, F("10.0.0.0-10.0.0.6", "Any", "UDP", mirrored: false))
            .Rule("Under range", FilterActionType.Block, F("10.0.0.0-10.0.0.6", "Any", "UDP", 0, 0, false), F("10.0.0.0-10.0.0.5", "Any", "UDP", 5, 0, false))
            .Compile(HostContext.ForAddresses("192.0.2.10"));

        var first = compiled.Filters.Single(f => f.Rule == "First");
        var second = compiled.Filters.Single(f => f.Rule == "Second");
        Assert.Same(first, compiled.ShadowedBy(second));
        Assert.Null(compiled.ShadowedBy(first));
        // The same range in a later rule never decides; a narrower range with a port is ordered
        // before the wide one (more specific), so it is not shadowed.
        var wide = compiled.Filters.Single(f => f.Rule == "Wide range");
        var under = compiled.Filters.Where(f => f.Rule == "Under range").ToList();
        Assert.Same(wide, compiled.ShadowedBy(under.Single(f => f.FilterIndex == 0)));
        Assert.Null(compiled.ShadowedBy(under.Single(f => f.FilterIndex == 1)));
        Assert.True(under.Single(f => f.FilterIndex == 1).Order < wide.Order);
    }
}
