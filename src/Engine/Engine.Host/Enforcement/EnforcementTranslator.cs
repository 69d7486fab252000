using System;
using System.Collections.Generic;
using System.Net;
using Engine.Platform.Linux.Nftables;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;

namespace Engine.Host.Enforcement;

/// <summary>
/// Turns a compiled policy into the nftables enforcement ruleset. Pure: no I/O, so the generated
/// script can be checked as text.
/// </summary>
/// <remarks>
/// Each effective filter becomes one rule in each direction with the same match. A filter's
/// addresses already say which way its packets travel (Me as source is outbound traffic), so a
/// rule in the other direction matches only traffic the filter also covers, and keeping both
/// preserves the compiler's global first-match order in each chain. Negotiate marks outbound
/// packets for the TUN device and, inbound, accepts only what came out of it, except when the
/// action allows unsecured inbound (inpass) or falls back to clear (soft): then cleartext inbound
/// is accepted. nftables cannot tell a peer's first cleartext packet from its later ones without
/// the SA state the engine holds, so inpass accepts all cleartext inbound for the filter; the reply
/// is still marked for the TUN, which is what makes the engine negotiate and secure the conversation.
/// </remarks>
public static class EnforcementTranslator
{
    private const byte Tcp = 6;
    private const byte Udp = 17;
    private const byte Rsvp = 46;
    private const ushort Kerberos = 88;

    /// <summary>
    /// The ruleset for <paramref name="policy"/>, or only the exemptions when no policy is assigned.
    /// <paramref name="conversationRules"/> (the engine's rules for established conversations, see
    /// <see cref="ConversationRules"/>) come after the exemptions and before the policy's filters.
    /// </summary>
    public static EnforcementRuleset Translate(CompiledPolicy? policy, EnforcementTranslationOptions options,
        IReadOnlyList<EnforcementRule>? conversationRules = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DefaultExemption, Configuration.MinDefaultExemption);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.DefaultExemption, Configuration.MaxDefaultExemption);

        var rules = new List<EnforcementRule>();
        AddExemptions(rules, options.DefaultExemption);
        rules.AddRange(conversationRules ?? []);
        if (policy is not null)
        {
            // Filters share their address blocks (Me, Any, a list's peer), so their matches are made
            // once per block: a policy of 100,000 filters would otherwise build 800,000 of them.
            var matches = new Dictionary<AddressBlock, AddressMatch>();
            rules.Capacity = rules.Count + 2 * policy.Filters.Count;
            foreach (var filter in policy.Filters)
            {
                var outbound = RuleFor(filter, MatchFor(filter.Source, matches), MatchFor(filter.Destination, matches));
                rules.Add(outbound);
                rules.Add(outbound with { Direction = TrafficDirection.Inbound, Verdict = VerdictFor(filter, TrafficDirection.Inbound) });
            }
        }

        return new EnforcementRuleset
        {
            TunInterfaceName = options.TunInterfaceName,
            Routing = options.Routing,
            Rules = rules,
        };
    }

    private static EnforcementRule RuleFor(EffectiveFilter filter, AddressMatch source, AddressMatch destination) => new()
    {
        Direction = TrafficDirection.Outbound,
        Verdict = VerdictFor(filter, TrafficDirection.Outbound),
        Source = source,
        Destination = destination,
        Protocol = filter.Protocol == 0 ? null : filter.Protocol,
        SourcePorts = filter.SourcePort == 0 ? null : PortRange.Single(filter.SourcePort),
        DestinationPorts = filter.DestinationPort == 0 ? null : PortRange.Single(filter.DestinationPort),
        Comment = $"#{filter.Order} {filter.Rule}: {filter.ActionText}",
    };

    private static EnforcementVerdict VerdictFor(EffectiveFilter filter, TrafficDirection direction) => filter.Action switch
    {
        FilterActionType.Permit => EnforcementVerdict.Accept,
        FilterActionType.Block => EnforcementVerdict.Drop,
        FilterActionType.Negotiate when direction == TrafficDirection.Outbound => EnforcementVerdict.MarkForTun,
        FilterActionType.Negotiate when filter.AllowUnsecuredInbound || filter.FallbackToClear => EnforcementVerdict.Accept,
        FilterActionType.Negotiate => EnforcementVerdict.DropIfNotFromTun,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Action, "Unknown filter action."),
    };

    // "Any" stays a /0 of the filter's family rather than an unset side: the compiler emits one
    // filter per family, and an unset pair would make an IPv4 filter match IPv6 too.
    private static AddressMatch MatchFor(AddressBlock block, Dictionary<AddressBlock, AddressMatch> matches)
    {
        if (!matches.TryGetValue(block, out var match))
        {
            match = block.PrefixLength is int length ? AddressMatch.Prefix(block.First, length) : AddressMatch.Range(block.First, block.Last);
            matches.Add(block, match);
        }

        return match;
    }

    private static void AddExemptions(List<EnforcementRule> rules, int level)
    {
        // IKE (UDP 500 and 4500) is exempt through EnforcementRuleset.IkeUdpPorts at every level.
        bool castExempt = level is 0 or 1;
        bool kerberosAndRsvpExempt = level is 0 or 2;
        foreach (var direction in new[] { TrafficDirection.Outbound, TrafficDirection.Inbound })
        {
            if (castExempt)
            {
                // Limited broadcast and multicast; subnet-directed broadcast depends on the
                // interfaces' prefixes, which the ruleset does not know, so it is not exempt.
                foreach (var (address, length) in new[] { ("255.255.255.255", 32), ("224.0.0.0", 4), ("ff00::", 8) })
                {
                    rules.Add(Exemption(direction, "broadcast/multicast", destination: AddressMatch.Prefix(IPAddress.Parse(address), length)));
                }
            }

            if (kerberosAndRsvpExempt)
            {
                rules.Add(Exemption(direction, "RSVP", protocol: Rsvp));
                foreach (byte protocol in new[] { Udp, Tcp })
                {
                    rules.Add(Exemption(direction, "Kerberos", protocol: protocol, sourcePorts: PortRange.Single(Kerberos)));
                    rules.Add(Exemption(direction, "Kerberos", protocol: protocol, destinationPorts: PortRange.Single(Kerberos)));
                }
            }
        }
    }

    private static EnforcementRule Exemption(TrafficDirection direction, string what, AddressMatch? destination = null,
        byte? protocol = null, PortRange? sourcePorts = null, PortRange? destinationPorts = null) => new()
    {
        Direction = direction,
        Verdict = EnforcementVerdict.Accept,
        Destination = destination,
        Protocol = protocol,
        SourcePorts = sourcePorts,
        DestinationPorts = destinationPorts,
        Comment = $"default exemption: {what}",
    };
}
