using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Engine.Platform.Linux.Nftables;

namespace Engine.Platform.Linux.Tests.Nftables;

/// <summary>
/// The planner's layout decides every packet as the rules in order would: random rules over a tiny
/// address and port space (so that they overlap often), runs of one shape, every packet of that space.
/// </summary>
public sealed class VerdictMapPlannerTests
{
    private static readonly byte[] Protocols = [6, 17, 1];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void EveryPacketGetsTheVerdictOfTheFirstRuleItMatches(int seed)
    {
        var random = new Random(seed);
        List<EnforcementRule> rules = RandomRules(random, 300);
        int[] indices = Enumerable.Range(0, rules.Count).ToArray();

        List<RuleBlock> blocks = VerdictMapPlanner.Plan(rules, indices, "m");

        Assert.Contains(blocks, block => block.Map is not null);
        Assert.Contains(blocks, block => block.Map is not null && block.Shape.NeedsInterval && block.Shape.IntervalFields > 1);
        Assert.Equal(indices, blocks.SelectMany(block => Enumerable.Range(block.FirstIndex, block.LastIndex - block.FirstIndex + 1)));
        foreach (Packet packet in Packets())
        {
            EnforcementVerdict? expected = rules.FirstOrDefault(rule => Matches(rule, packet))?.Verdict;
            Assert.Equal(expected, Decide(blocks, rules, packet));
        }
    }

    private static EnforcementVerdict? Decide(List<RuleBlock> blocks, List<EnforcementRule> rules, Packet packet)
    {
        foreach (RuleBlock block in blocks)
        {
            var matching = block.Elements.Where(index => Matches(rules[index], packet)).ToList();
            Assert.True(block.Map is null || matching.Count <= 1, $"map {block.Map} has overlapping elements for {packet}");
            if (matching.Count > 0)
            {
                return rules[matching[0]].Verdict;
            }
        }

        return null;
    }

    private static List<EnforcementRule> RandomRules(Random random, int count)
    {
        var rules = new List<EnforcementRule>();
        while (rules.Count < count)
        {
            // A template fixes which fields are present; a run of rules follows it, as compiled policies do.
            bool ipv6 = random.Next(2) == 1;
            bool source = random.Next(3) > 0, destination = random.Next(3) > 0, protocol = random.Next(3) > 0;
            bool sourcePorts = protocol && random.Next(3) == 0, destinationPorts = protocol && random.Next(2) == 0;
            int kind = random.Next(3); // addresses: hosts, prefixes or mixed with ranges
            int run = random.Next(1, 12);
            for (int i = 0; i < run; i++)
            {
                byte? number = protocol ? Protocols[random.Next(2)] : null;
                rules.Add(new EnforcementRule
                {
                    Direction = TrafficDirection.Inbound,
                    Verdict = (EnforcementVerdict)random.Next(2),
                    Source = source ? Address(random, ipv6, kind) : null,
                    Destination = destination ? Address(random, ipv6, kind) : (source ? null : (random.Next(4) == 0 ? null : Address(random, ipv6, kind))),
                    Protocol = number,
                    SourcePorts = sourcePorts ? Ports(random) : null,
                    DestinationPorts = destinationPorts ? Ports(random) : null,
                });
            }
        }

        return rules;
    }

    private static AddressMatch Address(Random random, bool ipv6, int kind)
    {
        IPAddress Host(int value) => ipv6 ? IPAddress.Parse($"fd00::{value:x}") : IPAddress.Parse($"10.0.0.{value}");
        int choice = kind == 0 ? 0 : random.Next(kind == 1 ? 2 : 3);
        int first = random.Next(8);
        return choice switch
        {
            0 => AddressMatch.Host(Host(first)),
            1 => AddressMatch.Prefix(Host(first), (ipv6 ? 128 : 32) - random.Next(4)),
            _ => AddressMatch.Range(Host(first), Host(first + random.Next(4))),
        };
    }

    private static PortRange Ports(Random random)
    {
        ushort first = (ushort)random.Next(1, 5);
        return random.Next(2) == 0 ? PortRange.Single(first) : new PortRange(first, (ushort)(first + random.Next(3)));
    }

    private static IEnumerable<Packet> Packets()
    {
        foreach (bool ipv6 in new[] { false, true })
        {
            for (int source = 0; source < 12; source++)
            {
                for (int destination = 0; destination < 12; destination++)
                {
                    foreach (byte protocol in Protocols)
                    {
                        for (int sourcePort = 0; sourcePort < 8; sourcePort += protocol == 1 ? 8 : 1)
                        {
                            for (int destinationPort = 0; destinationPort < 8; destinationPort += protocol == 1 ? 8 : 1)
                            {
                                yield return new Packet(
                                    ipv6 ? IPAddress.Parse($"fd00::{source:x}") : IPAddress.Parse($"10.0.0.{source}"),
                                    ipv6 ? IPAddress.Parse($"fd00::{destination:x}") : IPAddress.Parse($"10.0.0.{destination}"),
                                    protocol, (ushort)sourcePort, (ushort)destinationPort);
                            }
                        }
                    }
                }
            }
        }
    }

    private static bool Matches(EnforcementRule rule, Packet packet) =>
        (rule.AddressFamily is null || rule.AddressFamily == packet.Source.AddressFamily)
        && Contains(rule.Source, packet.Source) && Contains(rule.Destination, packet.Destination)
        && (rule.Protocol is null || rule.Protocol == packet.Protocol)
        && Contains(rule.SourcePorts, packet.SourcePort) && Contains(rule.DestinationPorts, packet.DestinationPort);

    private static bool Contains(AddressMatch? match, IPAddress address) =>
        match is null
        || (address.GetAddressBytes().AsSpan().SequenceCompareTo(match.First.GetAddressBytes()) >= 0
            && address.GetAddressBytes().AsSpan().SequenceCompareTo(match.Last.GetAddressBytes()) <= 0);

    private static bool Contains(PortRange? ports, ushort port) => ports is not { } range || (range.First <= port && port <= range.Last);

    private sealed record Packet(IPAddress Source, IPAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
    {
        public AddressFamily Family => Source.AddressFamily;
    }
}
