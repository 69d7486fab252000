using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// Compiles a policy into the effective filters a host enforces: the one compiler behind
/// Get-IpSecFilter -Effective, Find-IpSecRule, Test-IpSecPolicy and the engine.
/// <list type="bullet">
/// <item>Only active rules count; the default response rule has no filters (it only answers
/// negotiations a peer starts) and yields none.</item>
/// <item>A mirrored filter yields two effective filters, as written and mirrored (addresses and
/// ports swapped), except when both are the same.</item>
/// <item>Me becomes one filter per host address; a DNS name one per address it resolves to (what
/// it resolved to is kept); Dns, Wins, Dhcp, Gateway one per server of the host context; Any one
/// per address family. Only pairs of one family are kept.</item>
/// <item>The result is ordered by <see cref="FilterWeight"/>, most specific first.</item>
/// </list>
/// Linear in the number of filters apart from the O(n log n) sort.
/// </summary>
public static class PolicyCompiler
{
    private static readonly AddressFamily[] Families = { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 };

    public static CompiledPolicy Compile(StoreDocument document, Policy policy, HostContext host)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (policy is null)
        {
            throw new ArgumentNullException(nameof(policy));
        }

        var run = new Run(host ?? throw new ArgumentNullException(nameof(host)));
        for (var ruleIndex = 0; ruleIndex < policy.Rules.Count; ruleIndex++)
        {
            var rule = policy.Rules[ruleIndex];
            if (!rule.Active)
            {
                continue;
            }

            var list = document.FindFilterList(rule.FilterList);
            var action = document.FindFilterAction(rule.FilterAction);
            if (list is null || action is null)
            {
                var missing = list is null ? $"filter list '{rule.FilterList}'" : $"filter action '{rule.FilterAction}'";
                run.Warn(DiagnosticCodes.RuleSkipped, Targets.Of(policy, rule), $"The rule is not compiled: its {missing} does not exist.");
                continue;
            }

            var parts = new RuleParts(policy, rule, ruleIndex, list, action);
            for (var filterIndex = 0; filterIndex < list.Filters.Count; filterIndex++)
            {
                run.Expand(parts, filterIndex, list.Filters[filterIndex]);
            }
        }

        run.Filters.Sort(CompareOrder);
        for (var i = 0; i < run.Filters.Count; i++)
        {
            run.Filters[i].Order = i + 1;
        }

        return new CompiledPolicy(policy, host, run.Filters, run.Resolutions.Values.ToList(), run.Diagnostics);
    }

    /// <summary>Most specific first; equal weights by rule, filter, direction, then addresses.</summary>
    private static int CompareOrder(EffectiveFilter a, EffectiveFilter b)
    {
        var c = b.Weight.CompareTo(a.Weight);
        if (c == 0)
        {
            c = a.RuleIndex.CompareTo(b.RuleIndex);
        }

        if (c == 0)
        {
            c = a.FilterIndex.CompareTo(b.FilterIndex);
        }

        if (c == 0)
        {
            c = a.Direction.CompareTo(b.Direction);
        }

        if (c == 0)
        {
            c = a.Family.CompareTo(b.Family);
        }

        if (c == 0)
        {
            c = a.Source.Start.CompareTo(b.Source.Start);
        }

        if (c == 0)
        {
            c = a.Destination.Start.CompareTo(b.Destination.Start);
        }

        return c;
    }

    /// <summary>The state of one compilation.</summary>
    private sealed class Run
    {
        private readonly HostContext host;
        private readonly HashSet<string> reported = new(StringComparer.Ordinal);

        private readonly Dictionary<FilterAddressKind, List<(AddressBlock Block, string Origin)>> symbolic = new();

        public Run(HostContext host)
        {
            this.host = host;
        }

        public List<EffectiveFilter> Filters { get; } = new();

        public List<Diagnostic> Diagnostics { get; } = new();

        public Dictionary<string, NameResolution> Resolutions { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Expand(RuleParts parts, int filterIndex, Filter filter)
        {
            // Built only when there is something to report: most filters compile cleanly.
            string Target() => $"{Targets.Of(parts.Policy, parts.Rule)} / Filter '{filter}'";
            var sources = Side(filter.SourceAddress, Target);
            var destinations = Side(filter.DestinationAddress, Target);
            if (sources.Count == 0 || destinations.Count == 0)
            {
                return;
            }

            var produced = false;
            foreach (var (source, sourceOrigin) in sources)
            {
                foreach (var (destination, destinationOrigin) in destinations)
                {
                    if (source.Family != destination.Family)
                    {
                        continue;
                    }

                    produced = true;
                    Filters.Add(new EffectiveFilter(parts, filterIndex, filter, FilterDirection.AsWritten,
                        source, sourceOrigin, destination, destinationOrigin, filter.SourcePort, filter.DestinationPort));
                    var selfMirror = source.Equals(destination) && filter.SourcePort == filter.DestinationPort;
                    if (filter.Mirrored && !selfMirror)
                    {
                        Filters.Add(new EffectiveFilter(parts, filterIndex, filter, FilterDirection.Mirrored,
                            destination, destinationOrigin, source, sourceOrigin, filter.DestinationPort, filter.SourcePort));
                    }
                }
            }

            if (!produced)
            {
                Warn(DiagnosticCodes.NoAddressPair, Target(),
                    $"The filter yields no effective filter on this host: its source gives only {FamiliesOf(sources)} and its destination only {FamiliesOf(destinations)} addresses.");
            }
        }

        public void Warn(string code, string target, string message)
        {
            if (reported.Add(code + "|" + target))
            {
                Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, target));
            }
        }

        /// <summary>The concrete blocks one side of a filter stands for on this host, with what it was written as.</summary>
        private List<(AddressBlock Block, string Origin)> Side(FilterAddress address, Func<string> target)
        {
            switch (address.Kind)
            {
                case FilterAddressKind.Address:
                case FilterAddressKind.Subnet:
                case FilterAddressKind.Range:
                    return new List<(AddressBlock, string)> { (AddressBlock.FromFilterAddress(address)!, address.ToString()) };
                case FilterAddressKind.DnsName:
                    var resolution = Resolve(address.DnsName!);
                    if (!resolution.Succeeded)
                    {
                        Warn(DiagnosticCodes.UnresolvedDnsName, target(), $"'{address.DnsName}' does not resolve ({resolution.Error}); the filter has no effect until it does.");
                    }

                    return Hosts(resolution.Addresses, address.DnsName!);
                case FilterAddressKind.Me:
                    var mine = Symbolic(address);
                    if (mine.Count == 0)
                    {
                        Warn(DiagnosticCodes.NoHostAddress, target(),
                            host.InterfaceAlias is null
                                ? "Me stands for no address: the host context has no unicast address."
                                : $"Me stands for no address: interface '{host.InterfaceAlias}' has no unicast address.");
                    }

                    return mine;
                case FilterAddressKind.Any:
                    return Symbolic(address);
                default:
                    var servers = Symbolic(address);
                    if (servers.Count == 0)
                    {
                        Warn(DiagnosticCodes.UnresolvedServerToken, target(),
                            $"This host has no {TokenName(address.Kind)} configured, so '{address}' stands for no address and the filter has no effect.");
                    }

                    return servers;
            }
        }

        /// <summary>Me, Any and the server tokens stand for the same blocks in every filter: expanded once per compilation.</summary>
        private List<(AddressBlock Block, string Origin)> Symbolic(FilterAddress address)
        {
            if (!symbolic.TryGetValue(address.Kind, out var blocks))
            {
                var origin = address.ToString();
                blocks = address.Kind switch
                {
                    FilterAddressKind.Any => Families.Select(f => (AddressBlock.Any(f), origin)).ToList(),
                    FilterAddressKind.Me => Hosts(host.Addresses.Select(a => a.Address), origin),
                    _ => Hosts(host.ServersFor(address.Kind), origin),
                };
                symbolic.Add(address.Kind, blocks);
            }

            return blocks;
        }

        private NameResolution Resolve(string name)
        {
            if (!Resolutions.TryGetValue(name, out var resolution))
            {
                try
                {
                    resolution = host.Resolver(name) ?? NameResolution.Failure(name, "The resolver gave no answer.");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A resolver is outside code; one failing name must not stop the compilation.
                    resolution = NameResolution.Failure(name, e.Message);
                }

                Resolutions.Add(name, resolution);
            }

            return resolution;
        }

        private static List<(AddressBlock Block, string Origin)> Hosts(IEnumerable<System.Net.IPAddress> addresses, string origin) =>
            addresses
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .Select(AddressBlock.Host)
                .Distinct()
                .Select(b => (b, origin))
                .ToList();

        private static string FamiliesOf(List<(AddressBlock Block, string Origin)> side) =>
            string.Join(" and ", side.Select(s => s.Block.FamilyName).Distinct());

        private static string TokenName(FilterAddressKind kind) => kind switch
        {
            FilterAddressKind.Dns => "DNS server",
            FilterAddressKind.Wins => "WINS server",
            FilterAddressKind.Dhcp => "DHCP server",
            _ => "default gateway",
        };
    }
}
