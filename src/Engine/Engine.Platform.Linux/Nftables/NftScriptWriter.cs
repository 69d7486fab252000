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
        // Indices into the whole list, so that an uncommented rule is still identifiable in nft output.
        var numbered = ruleset.Rules.Select((rule, index) => (Index: index, Rule: rule)).ToArray();
        var outbound = numbered.Where(entry => entry.Rule.Direction == TrafficDirection.Outbound).ToArray();
        var inbound = numbered.Where(entry => entry.Rule.Direction == TrafficDirection.Inbound).ToArray();

        var script = new StringBuilder();
        script.Append("# IpSecPolicy enforcement, generated from the compiled policy by the engine.\n");
        script.Append("# One transaction: the table is replaced whole or, on error, left as it was.\n");
        script.Append(CultureInfo.InvariantCulture, $"table inet {TableName}\n");
        script.Append(CultureInfo.InvariantCulture, $"delete table inet {TableName}\n");
        script.Append(CultureInfo.InvariantCulture, $"table inet {TableName} {{\n");
        script.Append("\tcomment \"IpSecPolicy engine enforcement; stays when the engine stops so that secured traffic fails closed\"\n");

        OpenChain(script, FromTunOnlyChain, hook: null);
        script.Append(CultureInfo.InvariantCulture, $"\t\tiifname {tun} accept\n");
        script.Append("\t\tcounter drop comment \"cleartext that policy says must arrive secured\"\n");
        CloseChain(script);

        OpenChain(script, OutboundChain, "type route hook output priority mangle; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\tmeta mark & {mask} == {Hex(routing.BypassMark)} accept comment \"the engine's own IKE and ESP\"\n");
        script.Append("\t\toifname \"lo\" accept\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        AppendRules(script, outbound, routing);
        CloseChain(script);

        OpenChain(script, ForwardOutboundChain, "type filter hook prerouting priority mangle; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\tiifname {{ \"lo\", {tun} }} accept comment \"local, or decrypted by the engine\"\n");
        script.Append("\t\tfib daddr type local accept comment \"addressed to this host: inbound rules decide\"\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        AppendRules(script, outbound, routing);
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

        AppendRules(script, inbound, routing);
        CloseChain(script);

        OpenChain(script, ForwardInboundChain, "type filter hook forward priority filter; policy accept;");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{secure} accept comment \"outbound, on its way into the engine\"\n");
        script.Append(CultureInfo.InvariantCulture, $"\t\t{NeighborDiscovery}\n");
        AppendRules(script, inbound, routing);
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

    private static void AppendRules(StringBuilder script, IEnumerable<(int Index, EnforcementRule Rule)> rules, PolicyRoutingOptions routing)
    {
        foreach ((int index, EnforcementRule rule) in rules)
        {
            script.Append("\t\t");
            AppendMatch(script, rule);
            script.Append("counter ");
            script.Append(rule.Verdict switch
            {
                EnforcementVerdict.Accept => "accept",
                EnforcementVerdict.Drop => "drop",
                EnforcementVerdict.MarkForTun => $"meta mark set meta mark & {Hex(~routing.MarkMask)} | {Hex(routing.SecureMark)} accept",
                EnforcementVerdict.DropIfNotFromTun => $"jump {FromTunOnlyChain}",
                _ => throw new ArgumentOutOfRangeException(nameof(rules), rule.Verdict, "Unknown verdict."),
            });
            string comment = SanitizeComment(rule.Comment) ?? string.Create(CultureInfo.InvariantCulture, $"rule {index}");
            script.Append(CultureInfo.InvariantCulture, $" comment {Quote(comment)}\n");
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
