using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using Engine.DataPlane.Abstractions;
using Engine.Platform.Linux.Commands;
using Engine.Platform.Linux.Namespaces;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Sockets;
using Engine.Platform.Linux.Tests.Infrastructure;

namespace Engine.Platform.Linux.Tests.Nftables;

public sealed class NftablesRulesetApplierTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);

    [Fact]
    public void TableIsAppliedListedReplacedAndRemoved()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var applier = new NftablesRulesetApplier(host.Name);
        Assert.False(applier.IsInstalled());

        applier.Apply(Ruleset(Rule(TrafficDirection.Inbound, EnforcementVerdict.Drop, "first a"), Rule(TrafficDirection.Outbound, EnforcementVerdict.Accept, "first b")));

        Assert.True(applier.IsInstalled());
        using (JsonDocument listing = JsonDocument.Parse(applier.ListJson()))
        {
            JsonElement[] entries = listing.RootElement.GetProperty("nftables").EnumerateArray().ToArray();
            JsonElement table = entries.Single(entry => entry.TryGetProperty("table", out _)).GetProperty("table");
            Assert.Equal(("inet", "ipsecpolicy"), (table.GetProperty("family").GetString(), table.GetProperty("name").GetString()));
            var hooks = entries.Where(entry => entry.TryGetProperty("chain", out _)).Select(entry => entry.GetProperty("chain"))
                .ToDictionary(chain => chain.GetProperty("name").GetString()!, chain => chain.TryGetProperty("hook", out JsonElement hook) ? hook.GetString() : null);
            Assert.Equal("output", hooks[NftScriptWriter.OutboundChain]);
            Assert.Equal("prerouting", hooks[NftScriptWriter.ForwardOutboundChain]);
            Assert.Equal("input", hooks[NftScriptWriter.InboundChain]);
            Assert.Equal("forward", hooks[NftScriptWriter.ForwardInboundChain]);
            Assert.Equal("postrouting", hooks[NftScriptWriter.GuardChain]);
            Assert.Null(hooks[NftScriptWriter.FromTunOnlyChain]);
        }

        Assert.Equal(["first a", "first b"], PolicyComments(applier));

        applier.Apply(Ruleset(Rule(TrafficDirection.Inbound, EnforcementVerdict.Drop, "second")));
        Assert.Equal(["second"], PolicyComments(applier));

        applier.Remove();
        Assert.False(applier.IsInstalled());
        applier.Remove();
    }

    [Fact]
    public void AnUnchangedRulesetIsNotAppliedAgainWhileItsTableExists()
    {
        using var hosts = TwoHosts.Create();
        var applier = new NftablesRulesetApplier(hosts.Right.Name);
        EnforcementRuleset ruleset = Ruleset(new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.Drop,
            Source = AddressMatch.Host(TwoHosts.LeftV4),
            Protocol = 17,
            DestinationPorts = PortRange.Single(7001),
            Comment = "block 7001",
        });
        applier.Apply(ruleset);
        using var blocked = UdpProbe.Open(hosts.Right, TwoHosts.RightV4, 7001);
        using var sender = UdpProbe.Open(hosts.Left, TwoHosts.LeftV4, 0);
        sender.Send("to 7001", TwoHosts.RightV4, 7001);
        Assert.Null(blocked.Receive(Silence));

        applier.Apply(ruleset);

        // Not replaced: the counter kept its packet.
        Assert.Equal(1, Counter(applier, NftScriptWriter.InboundChain, "block 7001").Packets);

        applier.Remove();
        applier.Apply(ruleset);

        Assert.True(applier.IsInstalled());
        Assert.Equal(0, Counter(applier, NftScriptWriter.InboundChain, "block 7001").Packets);
    }

    [Fact]
    public void FailedReplacementLeavesThePreviousTableEnforcing()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var applier = new NftablesRulesetApplier(host.Name);
        applier.Apply(Ruleset(Rule(TrafficDirection.Inbound, EnforcementVerdict.Drop, "kept")));
        // The generated replacement, followed by a jump loop: nft accepts the text, the kernel
        // refuses the loop at commit (ELOOP), after the delete and the new table were queued.
        string broken = NftScriptWriter.Write(Ruleset(Rule(TrafficDirection.Inbound, EnforcementVerdict.Drop, "lost")))
            + "add chain inet ipsecpolicy loop_a\nadd chain inet ipsecpolicy loop_b\n"
            + "add rule inet ipsecpolicy loop_a jump loop_b\nadd rule inet ipsecpolicy loop_b jump loop_a\n"
            + $"add rule inet ipsecpolicy {NftScriptWriter.InboundChain} jump loop_a\n";

        var error = Assert.Throws<ExternalCommandException>(() => applier.ApplyScript(broken));

        Assert.Contains("Too many links", error.Message, StringComparison.Ordinal);
        Assert.Equal(["kept"], PolicyComments(applier));
    }

    [Fact]
    public void EveryKindOfMatchAndVerdictIsAcceptedByNft()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var v4 = AddressMatch.Prefix(IPAddress.Parse("10.1.0.0"), 16);
        var v6 = AddressMatch.Range(IPAddress.Parse("fd00::1"), IPAddress.Parse("fd00::ff"));
        EnforcementRule[] rules =
        [
            new() { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.MarkForTun, Source = v4, Destination = AddressMatch.Host(IPAddress.Parse("10.2.0.1")), Protocol = 6, DestinationPorts = PortRange.Single(443) },
            new() { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.Drop, Destination = v6, Protocol = 17, SourcePorts = new PortRange(1000, 2000) },
            new() { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.Accept, Protocol = 132, DestinationPorts = PortRange.Single(9) },
            new() { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.DropIfNotFromTun, Source = v6, Protocol = 58 },
            new() { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.Accept, Source = v4 },
            new() { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.Drop },
        ];
        var applier = new NftablesRulesetApplier(host.Name);

        applier.Apply(Ruleset(rules));

        // Outbound rules appear in two chains, inbound rules in two; the guard and from-TUN chains count too.
        Assert.Equal(2 * rules.Length + 2, applier.ReadCounters().Count);
    }

    [Fact]
    public void PacketMatchingADropRuleIsDroppedAndCounted()
    {
        using var hosts = TwoHosts.Create();
        new NftablesRulesetApplier(hosts.Right.Name).Apply(Ruleset(new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.Drop,
            Source = AddressMatch.Host(TwoHosts.LeftV4),
            Protocol = 17,
            DestinationPorts = PortRange.Single(7001),
            Comment = "block 7001",
        }));
        using var blocked = UdpProbe.Open(hosts.Right, TwoHosts.RightV4, 7001);
        using var open = UdpProbe.Open(hosts.Right, TwoHosts.RightV4, 7002);
        using var sender = UdpProbe.Open(hosts.Left, TwoHosts.LeftV4, 0);

        sender.Send("to 7001", TwoHosts.RightV4, 7001);
        sender.Send("to 7002", TwoHosts.RightV4, 7002);

        Assert.Equal("to 7002", open.Receive(Patience));
        Assert.Null(blocked.Receive(Silence));
        Assert.Equal(1, Counter(new NftablesRulesetApplier(hosts.Right.Name), NftScriptWriter.InboundChain, "block 7001").Packets);
    }

    [Fact]
    public void OutboundDropRuleRefusesTheSend()
    {
        using var hosts = TwoHosts.Create();
        new NftablesRulesetApplier(hosts.Left.Name).Apply(Ruleset(new EnforcementRule
        {
            Direction = TrafficDirection.Outbound,
            Verdict = EnforcementVerdict.Drop,
            Destination = AddressMatch.Host(TwoHosts.RightV6),
            Protocol = 17,
            Comment = "no UDP to the peer",
        }));
        using var bind = hosts.Left.Run(() => LinuxDatagramBind.Open(DatagramEndpointKind.NatTraversal, TwoHosts.LeftV6));

        Assert.Equal(DatagramSendStatus.Refused, bind.Send("x"u8, new IPEndPoint(TwoHosts.RightV6, 4500).Serialize()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CleartextThatMustArriveSecuredIsDroppedButTheSamePacketFromTheTunDeviceIsAccepted(bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        using var tun = Steering.CreateTun(hosts.Right);
        var applier = new NftablesRulesetApplier(hosts.Right.Name);
        applier.Apply(Ruleset(new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.DropIfNotFromTun,
            Source = AddressMatch.Host(left),
            Protocol = 17,
            DestinationPorts = PortRange.Single(7003),
            Comment = "secure from left",
        }));
        using var application = UdpProbe.Open(hosts.Right, right, 7003);
        using var sender = UdpProbe.Open(hosts.Left, left, 5003);

        sender.Send("in the clear", right, 7003);
        Assert.Null(application.Receive(Silence));
        Assert.Equal(1, Counter(applier, NftScriptWriter.FromTunOnlyChain, "cleartext that policy says must arrive secured").Packets);

        Assert.True(tun.Write(Packets.Udp(left, right, 5003, 7003, "decrypted"u8)));
        Assert.Equal("decrypted", application.Receive(Patience));
        Assert.Equal(2, Counter(applier, NftScriptWriter.InboundChain, "secure from left").Packets);
    }

    [Fact]
    public void ALargeTableOfVerdictMapsIsAcceptedByTheKernel()
    {
        Root.Require();
        using var host = DisposableNetworkNamespace.Create();
        var rules = new List<EnforcementRule>();
        var me4 = AddressMatch.Host(IPAddress.Parse("10.79.0.2"));
        var me6 = AddressMatch.Host(IPAddress.Parse("fd00:79::2"));
        for (int i = 0; i < 10_000; i++)
        {
            // Host to host with a port (a hash map), as the benchmark's policy compiles.
            var peer = AddressMatch.Host(IPAddress.Parse($"10.{100 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}"));
            rules.Add(new() { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.Drop, Source = me4, Destination = peer, Protocol = 17, DestinationPorts = PortRange.Single((ushort)(1024 + i)) });
            rules.Add(new() { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.Drop, Source = peer, Destination = me4, Protocol = 17, SourcePorts = PortRange.Single((ushort)(1024 + i)) });
        }

        for (int i = 0; i < 5_000; i++)
        {
            // Prefixes and ranges with port ranges, IPv6 (pipapo), every verdict.
            var subnet = AddressMatch.Prefix(IPAddress.Parse($"fd10:{i:x}::"), 48);
            var range = AddressMatch.Range(IPAddress.Parse($"fd20::{i:x}:0"), IPAddress.Parse($"fd20::{i:x}:ff"));
            var verdict = (i % 3) switch { 0 => EnforcementVerdict.Accept, 1 => EnforcementVerdict.Drop, _ => EnforcementVerdict.MarkForTun };
            rules.Add(new() { Direction = TrafficDirection.Outbound, Verdict = verdict, Source = me6, Destination = i % 2 == 0 ? subnet : range, Protocol = 6, DestinationPorts = new PortRange(1000, (ushort)(1000 + i % 7)) });
            rules.Add(new() { Direction = TrafficDirection.Inbound, Verdict = verdict == EnforcementVerdict.MarkForTun ? EnforcementVerdict.DropIfNotFromTun : verdict, Source = i % 2 == 0 ? subnet : range, Destination = me6, Protocol = 6 });
        }

        for (int i = 0; i < 2_000; i++)
        {
            // Nested IPv4 prefixes: each /16 holds the /24 after it, which cuts the run into maps.
            rules.Add(new() { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.Drop, Source = AddressMatch.Prefix(IPAddress.Parse($"172.{16 + i / 256}.{i % 256}.0"), i % 5 == 4 ? 16 : 24) });
        }

        var applier = new NftablesRulesetApplier(host.Name);
        EnforcementRuleset ruleset = Ruleset([.. rules]);

        applier.Apply(ruleset);

        string listing = applier.ListJson();
        Assert.Contains("\"outbound_1\"", listing, StringComparison.Ordinal);
        Assert.Contains("\"inbound_2\"", listing, StringComparison.Ordinal);
        Assert.Contains("\"interval\"", listing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VerdictMapsDecideRealPacketsAsTheRulesInOrder(bool ipv6)
    {
        using var hosts = TwoHosts.Create();
        IPAddress left = TwoHosts.LeftAddress(ipv6);
        IPAddress right = TwoHosts.RightAddress(ipv6);
        var leftHost = AddressMatch.Host(left);
        var leftNet = AddressMatch.Prefix(left, ipv6 ? 64 : 24);
        EnforcementRule Rule(AddressMatch source, ushort first, ushort last, EnforcementVerdict verdict) => new()
        {
            Direction = TrafficDirection.Inbound,
            Verdict = verdict,
            Source = source,
            Protocol = 17,
            DestinationPorts = new PortRange(first, last),
        };
        EnforcementRule[] rules =
        [
            // Host, protocol, port.
            Rule(leftHost, 7101, 7101, EnforcementVerdict.Drop),
            Rule(leftHost, 7102, 7102, EnforcementVerdict.Accept),
            Rule(leftHost, 7103, 7103, EnforcementVerdict.Drop),
            Rule(leftHost, 7104, 7104, EnforcementVerdict.Accept),
            // Prefix and port ranges, partly overlapping the rules above: a second map.
            Rule(leftNet, 7100, 7101, EnforcementVerdict.Accept),
            Rule(leftNet, 7105, 7106, EnforcementVerdict.Drop),
            Rule(leftNet, 7107, 7107, EnforcementVerdict.Accept),
            Rule(leftNet, 7108, 7109, EnforcementVerdict.Drop),
            Rule(leftNet, 7110, 7110, EnforcementVerdict.DropIfNotFromTun),
            // Overlaps 7100-7101 in part: a new map, after it.
            Rule(leftNet, 7100, 7102, EnforcementVerdict.Drop),
            Rule(leftNet, 7112, 7112, EnforcementVerdict.Drop),
            Rule(leftNet, 7113, 7113, EnforcementVerdict.Drop),
            Rule(leftNet, 7114, 7114, EnforcementVerdict.Drop),
        ];
        var applier = new NftablesRulesetApplier(hosts.Right.Name);
        applier.Apply(Ruleset(rules));
        Assert.Equal(3, applier.ReadCounters().Count(counter => counter.Chain == NftScriptWriter.InboundChain && counter.Comment.StartsWith("rules ", StringComparison.Ordinal)));
        using var sender = UdpProbe.Open(hosts.Left, left, 0);
        var expected = new Dictionary<int, bool>
        {
            [7100] = true, [7101] = false, [7102] = true, [7103] = false, [7104] = true, [7105] = false, [7106] = false,
            [7107] = true, [7108] = false, [7110] = false, [7111] = true, [7112] = false, [7114] = false,
        };

        foreach ((int port, bool delivered) in expected)
        {
            using var receiver = UdpProbe.Open(hosts.Right, right, port);
            sender.Send($"to {port}", right, port);
            Assert.True(delivered == (receiver.Receive(delivered ? Patience : Silence) is not null), $"port {port}: expected {(delivered ? "delivered" : "dropped")}");
        }
    }

    [Theory]
    [InlineData(false, 1360)]
    [InlineData(true, 1340)]
    public void SecuredTcpSynsReachTheTunDeviceWithTheirMssFittedToIt(bool ipv6, int expectedMss)
    {
        using var hosts = TwoHosts.Create();
        IPAddress peer = TwoHosts.RightAddress(ipv6);
        using var tun = Collector.Of(Steering.CreateTun(hosts.Left));
        new NftablesRulesetApplier(hosts.Left.Name).Apply(Steering.SecureEverythingTo(peer));

        // The route to the peer is the veth (MTU 1500), so the SYN leaves with an MSS of 1460 (1440 for IPv6).
        using var client = hosts.Left.Run(() =>
        {
            var socket = new System.Net.Sockets.Socket(peer.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { Blocking = false };
            try
            {
                socket.Connect(new IPEndPoint(peer, 7009));
            }
            catch (System.Net.Sockets.SocketException)
            {
                // In progress: the SYN is on its way.
            }

            return socket;
        });

        byte[] syn = tun.First(packet => TcpOffset(packet) is int offset && packet.Length >= offset + 20 && (packet[offset + 13] & 0x02) != 0, Patience)?.Data
            ?? throw new TimeoutException("no SYN reached the TUN device");
        Assert.Equal(expectedMss, Mss(syn));
    }

    private static int? TcpOffset(byte[] packet) => (packet[0] >> 4) switch
    {
        4 when packet.Length >= 20 && packet[9] == 6 => (packet[0] & 0x0f) * 4,
        6 when packet.Length >= 40 && packet[6] == 6 => 40,
        _ => null,
    };

    private static int? Mss(byte[] packet)
    {
        int tcp = TcpOffset(packet)!.Value;
        int end = tcp + (packet[tcp + 12] >> 4) * 4;
        for (int option = tcp + 20; option < end;)
        {
            switch (packet[option])
            {
                case 0:
                    return null;
                case 1:
                    option++;
                    break;
                case 2:
                    return (packet[option + 2] << 8) | packet[option + 3];
                default:
                    option += packet[option + 1];
                    break;
            }
        }

        return null;
    }

    internal static EnforcementRuleset Ruleset(params EnforcementRule[] rules) => new()
    {
        TunInterfaceName = Steering.TunName,
        Rules = rules,
    };

    private static EnforcementRule Rule(TrafficDirection direction, EnforcementVerdict verdict, string comment) =>
        new() { Direction = direction, Verdict = verdict, Comment = comment, Protocol = 17, DestinationPorts = PortRange.Single(9) };

    /// <summary>The comments of the policy rules (those in the inbound and outbound chains, after the exemptions).</summary>
    private static List<string> PolicyComments(NftablesRulesetApplier applier) =>
        applier.ReadCounters()
            .Where(counter => counter.Chain is NftScriptWriter.InboundChain or NftScriptWriter.OutboundChain)
            .Select(counter => counter.Comment)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static RuleCounter Counter(NftablesRulesetApplier applier, string chain, string comment) =>
        applier.ReadCounters().Single(counter => counter.Chain == chain && counter.Comment == comment);
}
