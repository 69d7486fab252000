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
