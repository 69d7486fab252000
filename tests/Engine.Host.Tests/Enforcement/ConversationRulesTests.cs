using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.Host.Enforcement;
using Engine.Platform.Linux.Nftables;
using IpSecPolicy.Model.Objects;
using static Engine.Host.Tests.Enforcement.ExamplePolicy;
using IkeSelector = Engine.Ike.Selectors.TrafficSelector;

namespace Engine.Host.Tests.Enforcement;

/// <summary>
/// The engine's rules for conversations it decided about at run time (a secured one under inpass
/// or soft, a soft SA after fallback to clear), as nftables script text: after the default
/// exemptions, before the policy's own filters, in both chains of each direction.
/// </summary>
public sealed class ConversationRulesTests
{
    // PolicyRoutingOptions.Default: the secure mark 0x01000000 under the mask 0x0f000000.
    private const string Mark = "jump " + NftScriptWriter.SecureChain;
    private const string FromTunOnly = "jump " + NftScriptWriter.FromTunOnlyChain;
    private static readonly EnforcementTranslationOptions Options = new() { TunInterfaceName = "ipsec0", DefaultExemption = 0 };

    private static readonly IkeSelector Me4 = IkeSelector.ForHost(IPAddress.Parse("192.0.2.10"));
    private static readonly IkeSelector Peer4 = IkeSelector.ForHost(IPAddress.Parse("198.51.100.7"));
    private static readonly IkeSelector Me6 = IkeSelector.ForHost(IPAddress.Parse("2001:db8::10"));
    private static readonly IkeSelector Peer6 = IkeSelector.ForHost(IPAddress.Parse("2001:db8:ff::7"));

    [Fact]
    public void A_secured_conversation_is_marked_for_the_tun_outbound_and_accepted_inbound_only_decrypted()
    {
        var script = Script(ConversationRules.Secured(Me4, Peer4).Concat(ConversationRules.Secured(Me6, Peer6)), inpass: true);

        foreach (var chain in new[] { NftScriptWriter.OutboundChain, NftScriptWriter.ForwardOutboundChain })
        {
            Assert.Contains(
                $"ip saddr 192.0.2.10 ip daddr 198.51.100.7 counter {Mark} comment \"secured conversation: 192.0.2.10 proto any port any -> 198.51.100.7 proto any port any\"",
                Chain(script, chain));
            Assert.Contains(
                $"ip6 saddr 2001:db8::10 ip6 daddr 2001:db8:ff::7 counter {Mark} comment \"secured conversation: 2001:db8::10 proto any port any -> 2001:db8:ff::7 proto any port any\"",
                Chain(script, chain));
        }

        foreach (var chain in new[] { NftScriptWriter.InboundChain, NftScriptWriter.ForwardInboundChain })
        {
            Assert.Contains(
                $"ip saddr 198.51.100.7 ip daddr 192.0.2.10 counter {FromTunOnly} comment \"secured conversation: 198.51.100.7 proto any port any -> 192.0.2.10 proto any port any\"",
                Chain(script, chain));
            Assert.Contains(
                $"ip6 saddr 2001:db8:ff::7 ip6 daddr 2001:db8::10 counter {FromTunOnly} comment \"secured conversation: 2001:db8:ff::7 proto any port any -> 2001:db8::10 proto any port any\"",
                Chain(script, chain));
        }
    }

    [Fact]
    public void A_secured_conversation_comes_after_the_exemptions_and_before_the_inpass_filter_that_would_accept_its_cleartext()
    {
        var script = Script(ConversationRules.Secured(Me4, Peer4), inpass: true);

        var inbound = Chain(script, NftScriptWriter.InboundChain);
        int lastExemption = inbound.FindLastIndex(line => line.Contains("default exemption", StringComparison.Ordinal));
        int conversation = inbound.FindIndex(line => line.StartsWith("ip saddr 198.51.100.7 ip daddr 192.0.2.10 counter " + FromTunOnly, StringComparison.Ordinal));
        int policyRule = inbound.FindIndex(line => line.StartsWith("ip saddr 0.0.0.0/0 ip daddr 192.0.2.10 counter accept", StringComparison.Ordinal));
        Assert.True(lastExemption >= 0 && conversation >= 0 && policyRule >= 0, string.Join("\n", inbound));
        Assert.True(lastExemption < conversation, "exemptions first");
        Assert.True(conversation < policyRule, "the conversation before the policy's filters");

        var outbound = Chain(script, NftScriptWriter.OutboundChain);
        Assert.True(outbound.FindLastIndex(line => line.Contains("default exemption", StringComparison.Ordinal))
            < outbound.FindIndex(line => line.StartsWith("ip saddr 192.0.2.10 ip daddr 198.51.100.7 counter", StringComparison.Ordinal)));
        Assert.True(outbound.FindIndex(line => line.StartsWith("ip saddr 192.0.2.10 ip daddr 198.51.100.7 counter", StringComparison.Ordinal))
            < outbound.FindIndex(line => line.StartsWith($"ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 counter {Mark}", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_soft_sa_passes_its_conversation_in_the_clear_both_ways_ahead_of_the_negotiation()
    {
        var script = Script(ConversationRules.Clear(Me4, Peer4).Concat(ConversationRules.Clear(Me6, Peer6)), inpass: true, soft: true);

        var outbound = Chain(script, NftScriptWriter.OutboundChain);
        var inbound = Chain(script, NftScriptWriter.InboundChain);
        Assert.Contains("ip saddr 192.0.2.10 ip daddr 198.51.100.7 counter accept comment \"soft SA (fallback to clear): 192.0.2.10 proto any port any -> 198.51.100.7 proto any port any\"", outbound);
        Assert.Contains("ip6 saddr 2001:db8::10 ip6 daddr 2001:db8:ff::7 counter accept comment \"soft SA (fallback to clear): 2001:db8::10 proto any port any -> 2001:db8:ff::7 proto any port any\"", outbound);
        Assert.Contains("ip saddr 198.51.100.7 ip daddr 192.0.2.10 counter accept comment \"soft SA (fallback to clear): 198.51.100.7 proto any port any -> 192.0.2.10 proto any port any\"", inbound);
        Assert.Contains("ip6 saddr 2001:db8:ff::7 ip6 daddr 2001:db8::10 counter accept comment \"soft SA (fallback to clear): 2001:db8:ff::7 proto any port any -> 2001:db8::10 proto any port any\"", inbound);

        // The policy still marks everything else to be secured; the soft SA's accept comes first.
        int soft = outbound.FindIndex(line => line.StartsWith("ip saddr 192.0.2.10 ip daddr 198.51.100.7 counter accept", StringComparison.Ordinal));
        int negotiate = outbound.FindIndex(line => line.StartsWith($"ip saddr 192.0.2.10 ip daddr 0.0.0.0/0 counter {Mark}", StringComparison.Ordinal));
        Assert.True(soft >= 0 && soft < negotiate, string.Join("\n", outbound));
        int softV6 = outbound.FindIndex(line => line.StartsWith("ip6 saddr 2001:db8::10 ip6 daddr 2001:db8:ff::7 counter accept", StringComparison.Ordinal));
        int negotiateV6 = outbound.FindIndex(line => line.StartsWith($"ip6 saddr 2001:db8::10 ip6 daddr ::/0 counter {Mark}", StringComparison.Ordinal));
        Assert.True(softV6 >= 0 && softV6 < negotiateV6, string.Join("\n", outbound));
    }

    [Fact]
    public void Conversations_keep_the_order_they_are_given_in()
    {
        // The enforcer gives soft SAs first, then secured conversations.
        var rules = ConversationRules.Clear(Me4, Peer4).Concat(ConversationRules.Secured(Me4, IkeSelector.ForHost(IPAddress.Parse("198.51.100.8"))));

        var outbound = Chain(Script(rules, inpass: true, soft: true), NftScriptWriter.OutboundChain);

        Assert.True(outbound.FindIndex(line => line.Contains("daddr 198.51.100.7 counter accept", StringComparison.Ordinal))
            < outbound.FindIndex(line => line.Contains("daddr 198.51.100.8 counter jump ipsecpolicy_secure", StringComparison.Ordinal)));
    }

    [Fact]
    public void Protocol_and_ports_of_the_selectors_are_kept_in_each_direction()
    {
        var sqlServer = IkeSelector.ForHost(IPAddress.Parse("192.0.2.10"), 6, 1433);
        var client = IkeSelector.ForHost(IPAddress.Parse("198.51.100.7"), 6, 0);

        var script = Script(ConversationRules.Secured(sqlServer, client), inpass: true);

        Assert.Contains($"ip saddr 192.0.2.10 ip daddr 198.51.100.7 meta l4proto 6 th sport 1433 counter {Mark} comment \"secured conversation: 192.0.2.10 proto 6 port 1433 -> 198.51.100.7 proto 6 port any\"",
            Chain(script, NftScriptWriter.OutboundChain));
        Assert.Contains($"ip saddr 198.51.100.7 ip daddr 192.0.2.10 meta l4proto 6 th dport 1433 counter {FromTunOnly} comment \"secured conversation: 198.51.100.7 proto 6 port any -> 192.0.2.10 proto 6 port 1433\"",
            Chain(script, NftScriptWriter.InboundChain));
    }

    [Fact]
    public void Subnets_and_ranges_of_a_tunnel_conversation_are_matched_as_such()
    {
        var local = IkeSelector.ForSubnet(IPAddress.Parse("10.1.0.0"), 24);
        var remote = IkeSelector.ForRange(IPAddress.Parse("10.2.0.5"), IPAddress.Parse("10.2.0.9"));

        var script = Script(ConversationRules.Secured(local, remote), inpass: true);

        Assert.Contains(Chain(script, NftScriptWriter.OutboundChain), line => line.StartsWith($"ip saddr 10.1.0.0/24 ip daddr 10.2.0.5-10.2.0.9 counter {Mark}", StringComparison.Ordinal));
        Assert.Contains(Chain(script, NftScriptWriter.InboundChain), line => line.StartsWith($"ip saddr 10.2.0.5-10.2.0.9 ip daddr 10.1.0.0/24 counter {FromTunOnly}", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_conversations_the_ruleset_is_the_policys_alone()
    {
        var policy = new ExamplePolicy().Rule("All IP", FilterActionType.Negotiate, inpass: true, filters: F("Me", "Any")).Compile();

        Assert.Equal(
            NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options)),
            NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options, [])));
        Assert.DoesNotContain("conversation", NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Conversations_are_enforced_even_when_no_policy_is_assigned()
    {
        var rules = EnforcementTranslator.Translate(null, Options, ConversationRules.Secured(Me4, Peer4).ToList()).Rules;

        Assert.Equal(2, rules.Count(rule => rule.Comment!.StartsWith("secured conversation", StringComparison.Ordinal)));
        Assert.Equal(EnforcementVerdict.MarkForTun, rules.Single(rule => rule.Direction == TrafficDirection.Outbound && rule.Comment!.StartsWith("secured", StringComparison.Ordinal)).Verdict);
    }

    /// <summary>The script for "All IP" (Me to Any) negotiated with inpass and/or soft, plus <paramref name="conversations"/>.</summary>
    private static string Script(IEnumerable<EnforcementRule> conversations, bool inpass = false, bool soft = false)
    {
        var policy = new ExamplePolicy().Rule("All IP", FilterActionType.Negotiate, inpass: inpass, soft: soft, filters: F("Me", "Any")).Compile();
        return NftScriptWriter.Write(EnforcementTranslator.Translate(policy, Options, conversations.ToList()));
    }

    /// <summary>The rule lines of one chain, tabs trimmed.</summary>
    private static List<string> Chain(string script, string name)
    {
        var lines = script.Split('\n');
        var start = Array.FindIndex(lines, line => line.Trim() == $"chain {name} {{");
        Assert.True(start >= 0, $"no chain {name}");
        return lines.Skip(start + 1).TakeWhile(line => line.Trim() != "}").Select(line => line.Trim()).ToList();
    }
}
