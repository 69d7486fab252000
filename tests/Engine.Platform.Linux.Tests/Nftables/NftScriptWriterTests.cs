using System;
using System.Net;
using Engine.Platform.Linux.Nftables;
using Engine.Platform.Linux.Routing;

namespace Engine.Platform.Linux.Tests.Nftables;

public sealed class NftScriptWriterTests
{
    private static readonly EnforcementRuleset Empty = new() { TunInterfaceName = "ipsecpolicy0" };

    [Fact]
    public void ScriptReplacesTheTableInOneTransaction()
    {
        string script = NftScriptWriter.Write(Empty);

        // Create-if-missing, delete, define: the idiom that makes nft -f replace a table atomically.
        int create = script.IndexOf("table inet ipsecpolicy\n", StringComparison.Ordinal);
        int delete = script.IndexOf("delete table inet ipsecpolicy\n", StringComparison.Ordinal);
        int define = script.IndexOf("table inet ipsecpolicy {", StringComparison.Ordinal);
        Assert.True(create >= 0 && create < delete && delete < define, script);
        Assert.DoesNotContain("flags owner", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NftScriptWriter.OutboundChain, "type route hook output priority mangle; policy accept;")]
    [InlineData(NftScriptWriter.ForwardOutboundChain, "type filter hook prerouting priority mangle; policy accept;")]
    [InlineData(NftScriptWriter.InboundChain, "type filter hook input priority filter; policy accept;")]
    [InlineData(NftScriptWriter.ForwardInboundChain, "type filter hook forward priority filter; policy accept;")]
    [InlineData(NftScriptWriter.GuardChain, "type filter hook postrouting priority filter; policy accept;")]
    public void EveryBaseChainHasItsHook(string chain, string hook)
    {
        string body = ChainBody(NftScriptWriter.Write(Empty), chain);

        Assert.StartsWith("\t\t" + hook, body, StringComparison.Ordinal);
    }

    [Fact]
    public void ExemptionsComeBeforeTheRules()
    {
        var ruleset = Empty with
        {
            Rules = [new EnforcementRule { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.Drop, Comment = "block all" }],
        };

        string inbound = ChainBody(NftScriptWriter.Write(ruleset), NftScriptWriter.InboundChain);

        int ike = inbound.IndexOf("udp dport { 500, 4500 } accept", StringComparison.Ordinal);
        int esp = inbound.IndexOf("meta l4proto { 50, 51 } accept", StringComparison.Ordinal);
        int neighborDiscovery = inbound.IndexOf("nd-neighbor-solicit", StringComparison.Ordinal);
        int block = inbound.IndexOf("counter drop comment \"block all\"", StringComparison.Ordinal);
        Assert.True(ike > 0 && esp > 0 && neighborDiscovery > 0 && block > Math.Max(ike, Math.Max(esp, neighborDiscovery)), inbound);
    }

    [Fact]
    public void OwnTrafficIsExemptAndMarkedTrafficIsGuardedWithTheConfiguredMarks()
    {
        var routing = new PolicyRoutingOptions { MarkMask = 0x0000f000, SecureMark = 0x1000, BypassMark = 0x2000 };

        string script = NftScriptWriter.Write(Empty with { TunInterfaceName = "tun7", Routing = routing });

        Assert.Contains("meta mark & 0x0000f000 == 0x00002000 accept", ChainBody(script, NftScriptWriter.OutboundChain), StringComparison.Ordinal);
        Assert.Contains("meta mark & 0x0000f000 == 0x00001000 oifname != \"tun7\" counter drop", ChainBody(script, NftScriptWriter.GuardChain), StringComparison.Ordinal);
        Assert.Contains("iifname \"tun7\" accept", ChainBody(script, NftScriptWriter.FromTunOnlyChain), StringComparison.Ordinal);
    }

    [Fact]
    public void RulesRenderTheirMatchesAndVerdicts()
    {
        var ruleset = Empty with
        {
            Rules =
            [
                new EnforcementRule
                {
                    Direction = TrafficDirection.Outbound,
                    Verdict = EnforcementVerdict.MarkForTun,
                    Source = AddressMatch.Prefix(IPAddress.Parse("10.1.2.3"), 24),
                    Destination = AddressMatch.Range(IPAddress.Parse("10.9.0.5"), IPAddress.Parse("10.9.0.9")),
                    Protocol = 6,
                    SourcePorts = new PortRange(1024, 65535),
                    DestinationPorts = PortRange.Single(443),
                    Comment = "web",
                },
                new EnforcementRule
                {
                    Direction = TrafficDirection.Inbound,
                    Verdict = EnforcementVerdict.DropIfNotFromTun,
                    Source = AddressMatch.Host(IPAddress.Parse("fd00::7")),
                    Protocol = 58,
                },
                new EnforcementRule { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.Accept, Protocol = 1 },
            ],
        };

        string script = NftScriptWriter.Write(ruleset);

        string mark = "ip saddr 10.1.2.0/24 ip daddr 10.9.0.5-10.9.0.9 meta l4proto 6 th sport 1024-65535 th dport 443 counter "
            + "meta mark set meta mark & 0xf0ffffff | 0x01000000 accept comment \"web\"";
        Assert.Contains(mark, ChainBody(script, NftScriptWriter.OutboundChain), StringComparison.Ordinal);
        Assert.Contains(mark, ChainBody(script, NftScriptWriter.ForwardOutboundChain), StringComparison.Ordinal);
        string fromTun = $"ip6 saddr fd00::7 meta l4proto 58 counter jump {NftScriptWriter.FromTunOnlyChain} comment \"rule 1\"";
        Assert.Contains(fromTun, ChainBody(script, NftScriptWriter.InboundChain), StringComparison.Ordinal);
        Assert.Contains(fromTun, ChainBody(script, NftScriptWriter.ForwardInboundChain), StringComparison.Ordinal);
        Assert.Contains("meta l4proto 1 counter accept comment \"rule 2\"", ChainBody(script, NftScriptWriter.OutboundChain), StringComparison.Ordinal);
        Assert.DoesNotContain("web", ChainBody(script, NftScriptWriter.InboundChain), StringComparison.Ordinal);
    }

    [Fact]
    public void RulesKeepTheirOrderWithinADirection()
    {
        var ruleset = Empty with
        {
            Rules =
            [
                new EnforcementRule { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.Drop, Comment = "first" },
                new EnforcementRule { Direction = TrafficDirection.Inbound, Verdict = EnforcementVerdict.Drop, Comment = "other direction" },
                new EnforcementRule { Direction = TrafficDirection.Outbound, Verdict = EnforcementVerdict.Accept, Comment = "second" },
            ],
        };

        string outbound = ChainBody(NftScriptWriter.Write(ruleset), NftScriptWriter.OutboundChain);

        Assert.True(outbound.IndexOf("\"first\"", StringComparison.Ordinal) < outbound.IndexOf("\"second\"", StringComparison.Ordinal));
    }

    [Fact]
    public void CommentsCannotBreakOutOfTheirQuotes()
    {
        var rule = new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.Accept,
            Comment = "evil\" ; flush ruleset ; \\\n" + new string('x', 300),
        };

        string script = NftScriptWriter.Write(Empty with { Rules = [rule] });

        string line = Array.Find(script.Split('\n'), l => l.Contains("evil", StringComparison.Ordinal))!;
        Assert.Contains("comment \"evil_ ; flush ruleset ; __xxx", line, StringComparison.Ordinal);
        Assert.EndsWith("x\"", line, StringComparison.Ordinal);
        Assert.True(line.Length < 200, line);
    }

    [Fact]
    public void RemovalSucceedsWhetherOrNotTheTableExists()
    {
        Assert.Equal("table inet ipsecpolicy\ndelete table inet ipsecpolicy\n", NftScriptWriter.WriteRemoval());
    }

    [Theory]
    [InlineData(TrafficDirection.Inbound, EnforcementVerdict.MarkForTun, "outbound traffic only")]
    [InlineData(TrafficDirection.Outbound, EnforcementVerdict.DropIfNotFromTun, "inbound traffic only")]
    public void VerdictsOnlyApplyInTheirDirection(TrafficDirection direction, EnforcementVerdict verdict, string message)
    {
        var ruleset = Empty with { Rules = [new EnforcementRule { Direction = direction, Verdict = verdict, Comment = "bad" }] };

        var error = Assert.Throws<ArgumentException>(() => NftScriptWriter.Write(ruleset));

        Assert.Contains("Rule 0 (bad)", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedFamiliesAreRejected()
    {
        var rule = new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.Drop,
            Source = AddressMatch.Host(IPAddress.Parse("10.0.0.1")),
            Destination = AddressMatch.Host(IPAddress.Parse("fd00::1")),
        };

        var error = Assert.Throws<ArgumentException>(() => NftScriptWriter.Write(Empty with { Rules = [rule] }));

        Assert.Contains("mix IPv4 and IPv6", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData((byte)1)]
    public void PortsNeedAPortProtocol(byte? protocol)
    {
        var rule = new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.Drop,
            Protocol = protocol,
            DestinationPorts = PortRange.Single(80),
        };

        var error = Assert.Throws<ArgumentException>(() => NftScriptWriter.Write(Empty with { Rules = [rule] }));

        Assert.Contains("ports need protocol", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("name-longer-than-15")]
    [InlineData("tun\"0")]
    [InlineData("tun 0")]
    [InlineData("tun/0")]
    public void UnsafeTunNamesAreRejected(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => NftScriptWriter.Write(Empty with { TunInterfaceName = name }));
    }

    private static string ChainBody(string script, string chain)
    {
        int start = script.IndexOf($"\tchain {chain} {{\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"chain {chain} missing:\n{script}");
        start = script.IndexOf('\n', start) + 1;
        return script[start..script.IndexOf("\t}\n", start, StringComparison.Ordinal)];
    }
}
