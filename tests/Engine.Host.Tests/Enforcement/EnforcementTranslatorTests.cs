using System;
using System.Linq;
using Engine.Host.Enforcement;
using Engine.Platform.Linux.Nftables;
using IpSecPolicy.Model.Objects;
using static Engine.Host.Tests.Enforcement.ExamplePolicy;

namespace Engine.Host.Tests.Enforcement;

public sealed class EnforcementTranslatorTests
{
    private const string Mark = "jump " + NftScriptWriter.SecureChain;
    private const string FromTunOnly = "jump " + NftScriptWriter.FromTunOnlyChain;
    private static readonly EnforcementTranslationOptions Options = new() { TunInterfaceName = "ipsec0" };

    [Fact]
    public void SecureServerMarksOutboundForTheTunAndDemandsSecuredInboundExceptIcmp()
    {
        var policy = new ExamplePolicy()
            .Rule("All ICMP", FilterActionType.Permit, filters: F("Me", "Any", "ICMP"))
            .Rule("All IP", FilterActionType.Negotiate, filters: F("Me", "Any"))
            .Compile();

        string script = NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options));

        Assert.Contains("ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 meta l4proto 1 counter accept", script);
        Assert.Contains("ip6 saddr 2001:db8::10 ip6 daddr ::/0 meta l4proto 58 counter accept", script);
        Assert.Contains($"ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 counter {Mark}", script);
        Assert.Contains($"ip saddr 0.0.0.0/0 ip daddr 192.0.2.10 counter {FromTunOnly}", script);
        Assert.Contains($"ip6 saddr ::/0 ip6 daddr 2001:db8::10 counter {FromTunOnly}", script);
        // Most specific first: the ICMP permit precedes the negotiation in each chain.
        Assert.True(script.IndexOf("meta l4proto 1 counter accept", StringComparison.Ordinal)
            < script.IndexOf($"ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 counter {Mark}", StringComparison.Ordinal));
    }

    [Fact]
    public void InpassAcceptsCleartextInboundButStillSecuresReplies()
    {
        var policy = new ExamplePolicy().Rule("All IP", FilterActionType.Negotiate, inpass: true, filters: F("Me", "Any")).Compile();

        string script = NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options));

        Assert.Contains("ip saddr 0.0.0.0/0 ip daddr 192.0.2.10 counter accept", script);
        Assert.Contains($"ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 counter {Mark}", script);
        Assert.DoesNotContain($"counter {FromTunOnly}", script);
    }

    [Fact]
    public void ServerWithSoftAcceptsCleartextInbound()
    {
        var policy = new ExamplePolicy().Rule("All IP", FilterActionType.Negotiate, inpass: true, soft: true, filters: F("Me", "Any")).Compile();

        var rules = EnforcementTranslator.Translate(policy, Options).Rules;

        Assert.All(rules.Where(rule => rule.Direction == TrafficDirection.Inbound), rule => Assert.Equal(EnforcementVerdict.Accept, rule.Verdict));
        Assert.All(rules.Where(rule => rule.Direction == TrafficDirection.Outbound), rule => Assert.Equal(EnforcementVerdict.MarkForTun, rule.Verdict));
    }

    [Fact]
    public void SqlServerBlocksItsPortAheadOfTheNegotiation()
    {
        var policy = new ExamplePolicy()
            .Rule("All IP", FilterActionType.Negotiate, filters: F("Me", "Any"))
            .Rule("SQL", FilterActionType.Block, filters: F("Me", "10.0.0.0/8", "TCP", 1433, 0))
            .Compile();

        string script = NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options));

        Assert.Contains("ip saddr 192.0.2.10 ip daddr 10.0.0.0/8 meta l4proto 6 th sport 1433 counter drop", script);
        Assert.Contains("ip saddr 10.0.0.0/8 ip daddr 192.0.2.10 meta l4proto 6 th dport 1433 counter drop", script);
        Assert.True(script.IndexOf("th dport 1433 counter drop", StringComparison.Ordinal)
            < script.IndexOf($"ip saddr 0.0.0.0/0 ip daddr 192.0.2.10 counter {FromTunOnly}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, true, true)]
    [InlineData(1, true, false)]
    [InlineData(2, false, true)]
    [InlineData(3, false, false)]
    public void DefaultExemptionsFollowTheWindowsLevels(int level, bool cast, bool kerberosAndRsvp)
    {
        string script = NftScriptWriter.Write(EnforcementTranslator.Translate(null, Options with { DefaultExemption = level }));

        Assert.Equal(cast, script.Contains("ip daddr 224.0.0.0/4 counter accept", StringComparison.Ordinal));
        Assert.Equal(cast, script.Contains("ip6 daddr ff00::/8 counter accept", StringComparison.Ordinal));
        Assert.Equal(kerberosAndRsvp, script.Contains("meta l4proto 46 counter accept", StringComparison.Ordinal));
        Assert.Equal(kerberosAndRsvp, script.Contains("meta l4proto 17 th dport 88 counter accept", StringComparison.Ordinal));
        Assert.Equal(kerberosAndRsvp, script.Contains("meta l4proto 6 th sport 88 counter accept", StringComparison.Ordinal));
        Assert.Contains("udp dport { 500, 4500 } accept", script);
    }

    [Fact]
    public void ExemptionsPrecedeThePolicy()
    {
        var policy = new ExamplePolicy().Rule("All IP", FilterActionType.Block, filters: F("Me", "Any")).Compile();

        string script = NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options with { DefaultExemption = 0 }));

        Assert.True(script.IndexOf("meta l4proto 46 counter accept", StringComparison.Ordinal)
            < script.IndexOf("ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 counter drop", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void RejectsAnUnknownExemptionLevel(int level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnforcementTranslator.Translate(null, Options with { DefaultExemption = level }));

    [Fact]
    public void ALargeMixedPolicyBecomesVerdictMapsThatNftAccepts()
    {
        // Hosts blocked on their own ports (IPv4 and IPv6), subnets negotiated, a permit for ICMP:
        // mirrored, so each direction gets runs of both port shapes.
        var blocked = Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            F("Me", $"10.20.{i / 256}.{i % 256}", "UDP", 0, (ushort)(5000 + i)),
            F("Me", $"2001:db8:20::{i:x}", "TCP", 0, (ushort)(6000 + i)),
        }).ToArray();
        var secured = Enumerable.Range(0, 12).Select(i => F("Me", $"10.{30 + i}.0.0/16")).ToArray();
        var policy = new ExamplePolicy()
            .Rule("Blocked hosts", FilterActionType.Block, filters: blocked)
            .Rule("Partner subnets", FilterActionType.Negotiate, filters: secured)
            .Rule("ICMP", FilterActionType.Permit, filters: F("Me", "Any", "ICMP"))
            .Compile();
        var ruleset = EnforcementTranslator.Translate(policy, Options with { DefaultExemption = 0 });

        string script = NftScriptWriter.Write(ruleset);

        Assert.Contains("ip saddr . ip daddr . meta l4proto . th dport vmap @outbound_", script);
        Assert.Contains("ip6 saddr . ip6 daddr . meta l4proto . th sport vmap @inbound_", script);
        Assert.Contains($"192.0.2.10 . 10.30.0.0/16 : {Mark}", script);
        Assert.Contains($"10.30.0.0/16 . 192.0.2.10 : {FromTunOnly}", script);
        Assert.Contains("meta l4proto 1 counter accept", script);
        if (Environment.UserName == "root")
        {
            string name = $"ipsecpolicy-enforce-{Environment.ProcessId}";
            System.Diagnostics.Process.Start("ip", ["netns", "add", name]).WaitForExit();
            try
            {
                new NftablesRulesetApplier(name).Apply(ruleset);
                Assert.Contains("\"outbound_1\"", new NftablesRulesetApplier(name).ListJson(), StringComparison.Ordinal);
            }
            finally
            {
                System.Diagnostics.Process.Start("ip", ["netns", "del", name]).WaitForExit();
            }
        }
    }
}
