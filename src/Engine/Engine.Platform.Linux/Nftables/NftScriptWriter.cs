using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using Engine.Platform.Linux.Interop;
using Engine.Platform.Linux.Routing;

namespace Engine.Platform.Linux.Nftables;

/// <summary>
/// Generates the nft script that replaces table <c>inet ipsecpolicy</c> as one transaction:
/// create the table if it is missing, delete it, define it anew. <c>nft -f</c> commits all of it
/// or, on any error, none of it, so the old table keeps enforcing until the new one is complete.
/// README.md shows the layout.
/// </summary>
public static class NftScriptWriter
{
    /// <summary>The table's name, in the inet family (IPv4 and IPv6 together).</summary>
    public const string TableName = "ipsecpolicy";

    /// <summary>Chain on the output hook (type route, so that setting the mark re-routes): packets this host sends.</summary>
    public const string OutboundChain = "ipsecpolicy_outbound";

    /// <summary>Chain on the prerouting hook: packets this host forwards, marked before the routing decision.</summary>
    public const string ForwardOutboundChain = "ipsecpolicy_forward_outbound";

    /// <summary>Chain on the input hook: packets addressed to this host.</summary>
    public const string InboundChain = "ipsecpolicy_inbound";

    /// <summary>Chain on the forward hook: forwarded packets arriving from the peer's side.</summary>
    public const string ForwardInboundChain = "ipsecpolicy_forward_inbound";

    /// <summary>Chain on the postrouting hook: drops secure-marked packets leaving by any interface but the TUN device.</summary>
    public const string GuardChain = "ipsecpolicy_guard";

    /// <summary>Regular chain that DropIfNotFromTun rules jump to.</summary>
    public const string FromTunOnlyChain = "ipsecpolicy_from_tun_only";

    /// <summary>Regular chain that MarkForTun rules jump to: sets the secure mark, fits TCP's MSS to the TUN device, accepts.</summary>
    public const string SecureChain = "ipsecpolicy_secure";

    /// <summary>Outbound verdict maps are named this and a number (outbound_1, ...), inbound ones <see cref="InboundMapPrefix"/>.</summary>
    public const string OutboundMapPrefix = "outbound_";

    /// <summary>The names of the inbound verdict maps, numbered from 1.</summary>
    public const string InboundMapPrefix = "inbound_";

    private const int MaximumCommentLength = 127;

    // Neighbour discovery must pass whatever the rules say: without it no IPv6 packet, IKE
    // included, reaches a neighbour. (ARP is not IP, so the inet table never sees it.)
    private const string NeighborDiscovery =
        "icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect } accept";

    private static readonly byte[] PortProtocols = [6, 17, 33, 132, 136]; // TCP, UDP, DCCP, SCTP, UDP-Lite

    /// <summary>Validates <paramref name="ruleset"/> and returns the script for <c>nft -f -</c>.</summary>
    /// <exception cref="ArgumentException">A rule is inconsistent; the message names its index.</exception>
    public static string Write(EnforcementRuleset ruleset)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        Validate(ruleset);
        PolicyRoutingOptions routing = ruleset.Routing;
        string tun = Quote(ruleset.TunInterfaceName);
        string mask = Hex(routing.MarkMask);
        string secure = $"meta mark & {mask} == {Hex(routing.SecureMark)}";
        IReadOnlyList<EnforcementRule> rules = ruleset.Rules;
        // Indices into the whole list, so that an uncommented rule is still identifiable in nft output.
        var outboundIndices = new List<int>();
        var inboundIndices = new List<int>();
        for (int index = 0; index < rules.Count; index++)
        {
            (rules[index].Direction == TrafficDirection.Outbound ? outboundIndices : inboundIndices).Add(index);
        }

        // Each direction's rules appear in two chains, which share its maps.
        List<RuleBlock> outbound = VerdictMapPlanner.Plan(rules, outboundIndices, OutboundMapPrefix);
        List<RuleBlock> inbound = VerdictMapPlanner.Plan(rules, inboundIndices, InboundMapPrefix);

        var script = new StringBuilder();
        script.Append("# IpSecPolicy enforcement, generated from the compiled policy by the engine.\n");
        script.Append("# One transaction: the table is replaced whole or, on error, left as it was.\n");
        script.Append(CultureInfo.InvariantCulture, $"table inet {TableName}\n");
        script.Append(CultureInfo.InvariantCulture, $"delete table inet {TableName}\n");
        script.Append(CultureInfo.InvariantCulture, $"table inet {TableName} {{\n");
        script.Append("\tcomment \"IpSecPolicy engine enforcement; stays when the engine stops so that secured traffic fails closed\"\n");

        AppendMaps(script, outbound, rules);
        AppendMaps(script, inbound, rules);

        OpenChain(script, FromTunOnlyChain, hook: null);
        script.Append(CultureInfo.InvariantCulture, $"\t\tiifname {tun} accept\n");
        script.Append("\t\tcounter drop comment \"cleartext that policy says must arrive secured\"\n");
        CloseChain(script);

        OpenChain(script, SecureChain, hook: null);
        script.Append(CultureInfo.InvariantCulture, $"\t\tmeta mark set meta mark & {Hex(~routing.MarkMask)} | {Hex(routing.SecureMark)}\n");
        // The route TCP sized its segments for (and its SYN's MSS) was chosen before this mark sent
        // the packet into the TUN device, whose MTU is smaller; lower the MSS of SYNs (never raise it)
        // so that neither end sends segments the engine's ESP packets would have to fragment.
        // rt mtu cannot stand in for the number: in the output hook it is still the old route's
        // (the mark re-routes only after the chain), and in prerouting there is no route yet.
        foreach ((string family, int headers) in new[] { ("ipv4", 40), ("ipv6", 60) })
        {
            int mss = ruleset.TunMtu - headers;
            script.Append(CultureInfo.InvariantCulture,
                $"\t\tmeta nfproto {family} tcp flags & syn == syn tcp option maxseg size > {mss} tcp option maxseg size set {mss}\n");
        }

        script.Append("\t\taccept\n");
        CloseChain(script);

        OpenChain(script, OutboundChain, "type route hook output priority mangle; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\tmeta mark & {mask} == {Hex(routing.BypassMark)} accept comment \"the engine's own IKE and ESP\"\n");
        script.Append("\t\toifname \"lo\" accept\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        AppendBlocks(script, outbound, rules);
        CloseChain(script);

        OpenChain(script, ForwardOutboundChain, "type filter hook prerouting priority mangle; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\tiifname {{ \"lo\", {tun} }} accept comment \"local, or decrypted by the engine\"\n");
        script.Append("\t\tfib daddr type local accept comment \"addressed to this host: inbound rules decide\"\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        AppendBlocks(script, outbound, rules);
        CloseChain(script);

        OpenChain(script, InboundChain, "type filter hook input priority filter; policy accept;");
        script.Append("\t\tiifname \"lo\" accept\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        script.Append("\t\tmeta l4proto { 50, 51 } accept comment \"ESP and AH, for the engine\"\n");
        if (ruleset.IkeUdpPorts.Count > 0)
        {
            string ports = string.Join(", ", ruleset.IkeUdpPorts.Select(port => port.ToString(CultureInfo.InvariantCulture)));
            script.Append(CultureInfo.InvariantCulture, $"\t\tudp dport {{ {ports} }} accept comment \"IKE, always exempt\"\n");
        }

        AppendBlocks(script, inbound, rules);
        CloseChain(script);

        OpenChain(script, ForwardInboundChain, "type filter hook forward priority filter; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{secure} accept comment \"outbound, on its way into the engine\"\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        AppendBlocks(script, inbound, rules);
        CloseChain(script);

        OpenChain(script, GuardChain, "type filter hook postrouting priority filter; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{secure} oifname != {tun} counter drop comment \"marked for the engine but leaving in the clear\"\n");
        CloseChain(script);

        script.Append("}\n");
        return script.ToString();
    }

    /// <summary>The script that removes the table, and succeeds when it is already absent.</summary>
    public static string WriteRemoval() =>
        $"table inet {TableName}\ndelete table inet {TableName}\n";

    private static void OpenChain(StringBuilder script, string name, string? hook)
    {
        script.Append(CultureInfo.InvariantCulture, $"\n\tchain {name} {{\n");
        if (hook is not null)
        {
            script.Append(CultureInfo.InvariantCulture, $"\t\t{hook}\n");
        }
    }

    private static void CloseChain(StringBuilder script) => script.Append("\t}\n");

    private static void AppendMaps(StringBuilder script, List<RuleBlock> blocks, IReadOnlyList<EnforcementRule> rules)
    {
        foreach (RuleBlock block in blocks)
        {
            if (block.Map is null)
            {
                continue;
            }

            script.Append(CultureInfo.InvariantCulture, $"\n\tmap {block.Map} {{\n\t\ttype {KeyType(block.Shape)} : verdict\n");
            if (block.Shape.NeedsInterval)
            {
                script.Append("\t\tflags interval\n");
            }

            script.Append("\t\telements = {\n");
            for (int element = 0; element < block.Elements.Count; element++)
            {
                EnforcementRule rule = rules[block.Elements[element]];
                script.Append("\t\t\t");
                AppendKey(script, rule);
                script.Append(" : ").Append(Verdict(rule.Verdict)).Append(element + 1 < block.Elements.Count ? ",\n" : "\n");
            }

            script.Append("\t\t}\n\t}\n");
        }
    }

    private static void AppendBlocks(StringBuilder script, List<RuleBlock> blocks, IReadOnlyList<EnforcementRule> rules)
    {
        foreach (RuleBlock block in blocks)
        {
            if (block.Map is { } map)
            {
                // The counter counts the packets looked up in the map: those of them the map decided
                // are the difference with the next counted rule's.
                script.Append("\t\tcounter ").Append(KeyExpression(block.Shape)).Append(" vmap @").Append(map);
                string first = SanitizeComment(rules[block.FirstIndex].Comment) ?? string.Create(CultureInfo.InvariantCulture, $"rule {block.FirstIndex}");
                string comment = SanitizeComment(string.Create(CultureInfo.InvariantCulture,
                    $"rules {block.FirstIndex}-{block.LastIndex} ({block.Elements.Count} elements) from {first}"))!;
                script.Append(CultureInfo.InvariantCulture, $" comment {Quote(comment)}\n");
                continue;
            }

            int index = block.FirstIndex;
            EnforcementRule rule = rules[index];
            script.Append("\t\t");
            AppendMatch(script, rule);
            script.Append("counter ").Append(Verdict(rule.Verdict));
            string ruleComment = SanitizeComment(rule.Comment) ?? string.Create(CultureInfo.InvariantCulture, $"rule {index}");
            script.Append(CultureInfo.InvariantCulture, $" comment {Quote(ruleComment)}\n");
        }
    }

    private static string Verdict(EnforcementVerdict verdict) => verdict switch
    {
        EnforcementVerdict.Accept => "accept",
        EnforcementVerdict.Drop => "drop",
        EnforcementVerdict.MarkForTun => "jump " + SecureChain,
        EnforcementVerdict.DropIfNotFromTun => "jump " + FromTunOnlyChain,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    private static string FamilyKeyword(AddressFamily? family) => family == AddressFamily.InterNetworkV6 ? "ip6" : "ip";

    /// <summary>The map key: the present fields, concatenated in the order of a plain rule's matches.</summary>
    private static string KeyExpression(MatchShape shape)
    {
        var parts = new List<string>(5);
        string family = FamilyKeyword(shape.Family);
        if (shape.Source != FieldKind.Absent)
        {
            parts.Add($"{family} saddr");
        }

        if (shape.Destination != FieldKind.Absent)
        {
            parts.Add($"{family} daddr");
        }

        if (shape.Protocol)
        {
            parts.Add("meta l4proto");
        }

        if (shape.SourcePorts != FieldKind.Absent)
        {
            parts.Add("th sport");
        }

        if (shape.DestinationPorts != FieldKind.Absent)
        {
            parts.Add("th dport");
        }

        return string.Join(" . ", parts);
    }

    private static string KeyType(MatchShape shape)
    {
        var parts = new List<string>(5);
        string address = shape.Family == AddressFamily.InterNetworkV6 ? "ipv6_addr" : "ipv4_addr";
        if (shape.Source != FieldKind.Absent)
        {
            parts.Add(address);
        }

        if (shape.Destination != FieldKind.Absent)
        {
            parts.Add(address);
        }

        if (shape.Protocol)
        {
            parts.Add("inet_proto");
        }

        if (shape.SourcePorts != FieldKind.Absent)
        {
            parts.Add("inet_service");
        }

        if (shape.DestinationPorts != FieldKind.Absent)
        {
            parts.Add("inet_service");
        }

        return string.Join(" . ", parts);
    }

    private static void AppendKey(StringBuilder script, EnforcementRule rule)
    {
        // The fields in KeyExpression's order; every element of a map has the same ones.
        string separator = string.Empty;
        if (rule.Source is { } source)
        {
            script.Append(source.ToString());
            separator = " . ";
        }

        if (rule.Destination is { } destination)
        {
            script.Append(separator).Append(destination.ToString());
            separator = " . ";
        }

        if (rule.Protocol is { } protocol)
        {
            script.Append(separator).Append(protocol);
            separator = " . ";
        }

        if (rule.SourcePorts is { } sourcePorts)
        {
            script.Append(separator).Append(sourcePorts.First);
            if (sourcePorts.Last != sourcePorts.First)
            {
                script.Append('-').Append(sourcePorts.Last);
            }

            separator = " . ";
        }

        if (rule.DestinationPorts is { } destinationPorts)
        {
            script.Append(separator).Append(destinationPorts.First);
            if (destinationPorts.Last != destinationPorts.First)
            {
                script.Append('-').Append(destinationPorts.Last);
            }
        }
    }

    private static void AppendMatch(StringBuilder script, EnforcementRule rule)
    {
        string? family = rule.AddressFamily switch
        {
            AddressFamily.InterNetwork => "ip",
            AddressFamily.InterNetworkV6 => "ip6",
            _ => null,
        };
        if (rule.Source is { } source)
        {
            script.Append(CultureInfo.InvariantCulture, $"{family} saddr {source} ");
        }

        if (rule.Destination is { } destination)
        {
            script.Append(CultureInfo.InvariantCulture, $"{family} daddr {destination} ");
        }

        // meta l4proto looks past IPv6 extension headers, unlike ip6 nexthdr.
        if (rule.Protocol is { } protocol)
        {
            script.Append(CultureInfo.InvariantCulture, $"meta l4proto {protocol} ");
        }

        // th (transport header) reads the ports of whichever port protocol l4proto named.
        if (rule.SourcePorts is { } sourcePorts)
        {
            script.Append(CultureInfo.InvariantCulture, $"th sport {sourcePorts} ");
        }

        if (rule.DestinationPorts is { } destinationPorts)
        {
            script.Append(CultureInfo.InvariantCulture, $"th dport {destinationPorts} ");
        }
    }

    private static void Validate(EnforcementRuleset ruleset)
    {
        InterfaceNames.Validate(ruleset.TunInterfaceName, nameof(ruleset.TunInterfaceName));
        ArgumentNullException.ThrowIfNull(ruleset.Routing, nameof(ruleset.Routing));
        ruleset.Routing.Validate();
        ArgumentNullException.ThrowIfNull(ruleset.Rules, nameof(ruleset.Rules));
        ArgumentNullException.ThrowIfNull(ruleset.IkeUdpPorts, nameof(ruleset.IkeUdpPorts));
        ArgumentOutOfRangeException.ThrowIfLessThan(ruleset.TunMtu, Tun.TunDeviceOptions.MinimumMtu, nameof(ruleset.TunMtu));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ruleset.TunMtu, 65535, nameof(ruleset.TunMtu));
        if (ruleset.IkeUdpPorts.Contains((ushort)0))
        {
            throw new ArgumentException("IKE port 0 is not a port.", nameof(ruleset));
        }

        for (int index = 0; index < ruleset.Rules.Count; index++)
        {
            EnforcementRule rule = ruleset.Rules[index] ?? throw new ArgumentException($"Rule {index} is null.", nameof(ruleset));
            string? problem = Problem(rule);
            if (problem is not null)
            {
                throw new ArgumentException($"Rule {index}{(rule.Comment is null ? "" : $" ({rule.Comment})")}: {problem}", nameof(ruleset));
            }
        }
    }

    private static string? Problem(EnforcementRule rule)
    {
        if (rule.Source is { } source && rule.Destination is { } destination && source.AddressFamily != destination.AddressFamily)
        {
            return "source and destination mix IPv4 and IPv6.";
        }

        if ((rule.SourcePorts is not null || rule.DestinationPorts is not null) && (rule.Protocol is not { } protocol || !PortProtocols.Contains(protocol)))
        {
            return "ports need protocol TCP (6), UDP (17), DCCP (33), SCTP (132) or UDP-Lite (136).";
        }

        return (rule.Direction, rule.Verdict) switch
        {
            (TrafficDirection.Inbound, EnforcementVerdict.MarkForTun) => "MarkForTun applies to outbound traffic only.",
            (TrafficDirection.Outbound, EnforcementVerdict.DropIfNotFromTun) => "DropIfNotFromTun applies to inbound traffic only.",
            _ when !Enum.IsDefined(rule.Direction) => $"unknown direction {rule.Direction}.",
            _ when !Enum.IsDefined(rule.Verdict) => $"unknown verdict {rule.Verdict}.",
            _ => null,
        };
    }

    private static string? SanitizeComment(string? comment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return null;
        }

        var sanitized = new StringBuilder(Math.Min(comment.Length, MaximumCommentLength));
        foreach (char c in comment.AsSpan(0, Math.Min(comment.Length, MaximumCommentLength)))
        {
            sanitized.Append(c is < ' ' or >= (char)0x7f or '"' or '\\' ? '_' : c);
        }

        return sanitized.ToString();
    }

    private static string Quote(string text) => $"\"{text}\"";

    private static string Hex(uint value) => string.Create(CultureInfo.InvariantCulture, $"0x{value:x8}");
}
