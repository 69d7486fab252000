using System;
using System.Linq;
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
        Assert.StartsWith("\t\tmeta mark set meta mark & 0xffff0fff | 0x00001000\n", ChainBody(script, NftScriptWriter.SecureChain), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1400, 1360, 1340)]
    [InlineData(1280, 1240, 1220)]
    public void SecuredTcpHasItsMssFittedToTheTunDevice(int mtu, int ipv4Mss, int ipv6Mss)
    {
        string secure = ChainBody(NftScriptWriter.Write(Empty with { TunMtu = mtu }), NftScriptWriter.SecureChain);

        Assert.Contains($"meta nfproto ipv4 tcp flags & syn == syn tcp option maxseg size > {ipv4Mss} tcp option maxseg size set {ipv4Mss}\n", secure, StringComparison.Ordinal);
        Assert.Contains($"meta nfproto ipv6 tcp flags & syn == syn tcp option maxseg size > {ipv6Mss} tcp option maxseg size set {ipv6Mss}\n", secure, StringComparison.Ordinal);
        Assert.EndsWith("\t\taccept\n", secure, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunOfOneShapeBecomesOneVerdictMapSharedByBothChainsOfItsDirection()
    {
        var rules = Enumerable.Range(0, 5).Select(i => new EnforcementRule
        {
            Direction = TrafficDirection.Outbound,
            Verdict = i == 2 ? EnforcementVerdict.MarkForTun : EnforcementVerdict.Drop,
            Source = AddressMatch.Host(IPAddress.Parse("10.0.0.1")),
            Destination = AddressMatch.Host(IPAddress.Parse($"10.1.0.{i}")),
            Protocol = 17,
            DestinationPorts = PortRange.Single((ushort)(1000 + i)),
            Comment = $"#{i}",
        }).ToArray();

        string script = NftScriptWriter.Write(Empty with { Rules = rules });

        Assert.Contains("\tmap outbound_1 {\n\t\ttype ipv4_addr . ipv4_addr . inet_proto . inet_service : verdict\n\t\telements = {\n"
            + "\t\t\t10.0.0.1 . 10.1.0.0 . 17 . 1000 : drop,\n"
            + "\t\t\t10.0.0.1 . 10.1.0.1 . 17 . 1001 : drop,\n"
            + $"\t\t\t10.0.0.1 . 10.1.0.2 . 17 . 1002 : jump {NftScriptWriter.SecureChain},\n"
            + "\t\t\t10.0.0.1 . 10.1.0.3 . 17 . 1003 : drop,\n"
            + "\t\t\t10.0.0.1 . 10.1.0.4 . 17 . 1004 : drop\n\t\t}\n\t}\n", script, StringComparison.Ordinal);
        string lookup = "counter ip saddr . ip daddr . meta l4proto . th dport vmap @outbound_1 comment \"rules 0-4 (5 elements) from #0\"";
        Assert.Contains(lookup, ChainBody(script, NftScriptWriter.OutboundChain), StringComparison.Ordinal);
        Assert.Contains(lookup, ChainBody(script, NftScriptWriter.ForwardOutboundChain), StringComparison.Ordinal);
        Assert.DoesNotContain("flags interval", script, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortRunsStayPlainRules()
    {
        var rules = Enumerable.Range(0, VerdictMapPlanner.MinimumRun - 1).Select(i => new EnforcementRule
        {
            Direction = TrafficDirection.Inbound,
            Verdict = EnforcementVerdict.Drop,
            Source = AddressMatch.Host(IPAddress.Parse($"10.1.0.{i}")),
        }).ToArray();

        string script = NftScriptWriter.Write(Empty with { Rules = rules });

        Assert.DoesNotContain("vmap", script, StringComparison.Ordinal);
        Assert.Contains("ip saddr 10.1.0.2 counter drop comment \"rule 2\"", ChainBody(script, NftScriptWriter.InboundChain), StringComparison.Ordinal);
    }

    [Fact]
    public void APartialOverlapStartsANewMapAndAShadowedRuleIsLeftOut()
    {
        EnforcementRule Rule(string prefix, int length, EnforcementVerdict verdict) => new()
        {
            Direction = TrafficDirection.Inbound,
            Verdict = verdict,
            Source = AddressMatch.Prefix(IPAddress.Parse(prefix), length),
        };
        EnforcementRule[] rules =
        [
            Rule("10.1.0.0", 16, EnforcementVerdict.Drop),
            Rule("10.2.0.0", 16, EnforcementVerdict.Drop),
            Rule("10.1.2.0", 24, EnforcementVerdict.Accept), // inside the first: never decides a packet
            Rule("10.3.0.0", 16, EnforcementVerdict.Accept),
            Rule("10.4.0.0", 16, EnforcementVerdict.Accept),
            Rule("10.0.0.0", 8, EnforcementVerdict.Accept), // holds the earlier ones: a new map
            Rule("11.0.0.0", 8, EnforcementVerdict.Drop),
            Rule("12.0.0.0", 8, EnforcementVerdict.Drop),
            Rule("13.0.0.0", 8, EnforcementVerdict.Drop),
        ];

        string script = NftScriptWriter.Write(Empty with { Rules = rules });

        Assert.Contains("\tmap inbound_1 {\n\t\ttype ipv4_addr : verdict\n\t\tflags interval\n\t\telements = {\n"
            + "\t\t\t10.1.0.0/16 : drop,\n\t\t\t10.2.0.0/16 : drop,\n\t\t\t10.3.0.0/16 : accept,\n\t\t\t10.4.0.0/16 : accept\n\t\t}\n\t}\n",
            script, StringComparison.Ordinal);
        Assert.Contains("\t\t\t10.0.0.0/8 : accept,\n\t\t\t11.0.0.0/8 : drop,", script, StringComparison.Ordinal);
        string inbound = ChainBody(script, NftScriptWriter.InboundChain);
        Assert.True(inbound.IndexOf("vmap @inbound_1 comment \"rules 0-4 (4 elements)", StringComparison.Ordinal)
            < inbound.IndexOf("vmap @inbound_2 comment \"rules 5-8 (4 elements)", StringComparison.Ordinal), inbound);
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
            + $"jump {NftScriptWriter.SecureChain} comment \"web\"";
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
