using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Validation;

/// <summary>
/// The rules a store must keep: errors for what cannot work, so the store refuses any change that
/// introduces one, whichever object the change touched. Every check is a small method yielding
/// diagnostics. (Advice that does not block a change, the warnings, lives elsewhere.)
/// </summary>
public static class PolicyValidator
{
    private static readonly Func<StoreDocument, IEnumerable<Diagnostic>>[] Checks =
    {
        UniqueNames,
        FilterShapes,
        RuleReferences,
        NegotiateNeedsMirroredFilters,
        TunnelFiltersAddressOnly,
        NegotiateNeedsMethods,
        AuthMethodsValid,
    };

    public static IReadOnlyList<Diagnostic> Validate(StoreDocument document) =>
        Checks.SelectMany(check => check(document)).ToList();

    /// <summary>
    /// Throws the first error of <paramref name="after"/> that <paramref name="before"/> did not have:
    /// an old store with a problem stays editable, but no change may add one.
    /// </summary>
    public static void RefuseNewErrors(StoreDocument before, StoreDocument after)
    {
        var old = new HashSet<string>(Validate(before).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Key));
        var introduced = Validate(after).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && !old.Contains(d.Key));
        if (introduced is not null)
        {
            var category = introduced.Code == ErrorIds.NameCollision ? PolicyErrorCategory.ResourceExists : PolicyErrorCategory.InvalidOperation;
            throw new PolicyException(introduced.Code, category, $"{introduced.Target}: {introduced.Message}", introduced.Target);
        }
    }

    private static IEnumerable<Diagnostic> UniqueNames(StoreDocument document)
    {
        foreach (var name in Duplicates(document.Policies.Select(p => p.Name)))
        {
            yield return Error(ErrorIds.NameCollision, $"Policy '{name}'", $"Two policies are named '{name}'.");
        }

        foreach (var name in Duplicates(document.FilterLists.Select(l => l.Name)))
        {
            yield return Error(ErrorIds.NameCollision, $"FilterList '{name}'", $"Two filter lists are named '{name}'.");
        }

        foreach (var name in Duplicates(document.FilterActions.Select(a => a.Name)))
        {
            yield return Error(ErrorIds.NameCollision, $"FilterAction '{name}'", $"Two filter actions are named '{name}'.");
        }

        foreach (var policy in document.Policies)
        {
            foreach (var name in Duplicates(policy.Rules.Select(r => r.Name)))
            {
                yield return Error(ErrorIds.NameCollision, $"Policy '{policy.Name}' / Rule '{name}'", $"Two rules of policy '{policy.Name}' are named '{name}'.");
            }
        }
    }

    private static IEnumerable<Diagnostic> FilterShapes(StoreDocument document)
    {
        foreach (var list in document.FilterLists)
        {
            // Hashed: every store change validates twice, and comparing each filter with all the
            // earlier ones made a change to a list of 100,000 filters take minutes.
            var earlier = new HashSet<Filter>(SelectorComparer.Instance);
            for (var i = 0; i < list.Filters.Count; i++)
            {
                var filter = list.Filters[i];
                if (!filter.Protocol.HasPorts && (filter.SourcePort != 0 || filter.DestinationPort != 0))
                {
                    yield return Error(ErrorIds.PortsRequireTcpOrUdp, Targets.Of(list, filter),
                        $"Ports apply only to TCP and UDP, not to protocol {filter.Protocol}.");
                }

                if ((filter.SourceAddress.IsServerToken && filter.DestinationAddress.Kind != Values.FilterAddressKind.Me)
                    || (filter.DestinationAddress.IsServerToken && filter.SourceAddress.Kind != Values.FilterAddressKind.Me))
                {
                    yield return Error(ErrorIds.ServerTokenRequiresMe, Targets.Of(list, filter),
                        "When one side is Dns, Wins, Dhcp or Gateway, the other side must be Me.");
                }

                var families = new[] { filter.SourceAddress.Family, filter.DestinationAddress.Family };
                if (families[0] is not null && families[1] is not null && families[0] != families[1])
                {
                    yield return Error(ErrorIds.MixedAddressFamilies, Targets.Of(list, filter),
                        "Source and destination are of different address families (IPv4 and IPv6).");
                }

                if (!earlier.Add(filter))
                {
                    yield return Error(ErrorIds.DuplicateFilter, Targets.Of(list, filter), "The list already holds this filter.");
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> RuleReferences(StoreDocument document)
    {
        foreach (var policy in document.Policies)
        {
            foreach (var rule in policy.Rules)
            {
                if (document.FindFilterList(rule.FilterList) is null)
                {
                    yield return Error(ErrorIds.FilterListNotFound, Targets.Of(policy, rule), $"The filter list '{rule.FilterList}' does not exist.");
                }

                if (document.FindFilterAction(rule.FilterAction) is null)
                {
                    yield return Error(ErrorIds.FilterActionNotFound, Targets.Of(policy, rule), $"The filter action '{rule.FilterAction}' does not exist.");
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> NegotiateNeedsMirroredFilters(StoreDocument document)
    {
        foreach (var (policy, rule, list, action) in RulesWithParts(document))
        {
            if (action.Action == FilterActionType.Negotiate && !rule.IsTunnel && list.Filters.Any(f => !f.Mirrored))
            {
                yield return Error(ErrorIds.NegotiateRequiresMirroredFilters, Targets.Of(policy, rule),
                    $"Filter list '{list.Name}' has a filter that is not mirrored; a Negotiate action secures both directions, so its filters must be mirrored.");
            }
        }
    }

    private static IEnumerable<Diagnostic> TunnelFiltersAddressOnly(StoreDocument document)
    {
        foreach (var (policy, rule, list, _) in RulesWithParts(document))
        {
            if (rule.IsTunnel && list.Filters.Any(f => !f.Protocol.IsAny || f.SourcePort != 0 || f.DestinationPort != 0))
            {
                yield return Error(ErrorIds.TunnelFilterNotAddressOnly, Targets.Of(policy, rule),
                    $"A tunnel rule's filters must match addresses only; filter list '{list.Name}' names a protocol or port.");
            }
        }
    }

    private static IEnumerable<Diagnostic> NegotiateNeedsMethods(StoreDocument document)
    {
        foreach (var action in document.FilterActions)
        {
            if (action.Action == FilterActionType.Negotiate && action.SecurityMethods.Count == 0)
            {
                yield return Error(ErrorIds.NegotiateRequiresSecurityMethod, Targets.Of(action), "A Negotiate action needs at least one security method.");
            }
        }

        foreach (var (policy, rule, _, action) in RulesWithParts(document))
        {
            if (action.Action == FilterActionType.Negotiate && rule.AuthMethods.Count == 0)
            {
                yield return Error(ErrorIds.NegotiateRequiresAuthMethod, Targets.Of(policy, rule), "A rule that negotiates needs at least one authentication method.");
            }
        }
    }

    private static IEnumerable<Diagnostic> AuthMethodsValid(StoreDocument document)
    {
        foreach (var policy in document.Policies)
        {
            var rules = policy.Rules.Select(r => (Target: Targets.Of(policy, r), r.AuthMethods))
                .Append((Target: $"{Targets.Of(policy)} / DefaultResponseRule", policy.DefaultResponseRule.AuthMethods));
            foreach (var (target, methods) in rules)
            {
                foreach (var method in methods)
                {
                    if (method.Kind == AuthMethodKind.PreSharedKey && method.PreSharedKey is null)
                    {
                        yield return Error(ErrorIds.EmptyPreSharedKey, target, "A pre-shared key method has no key.");
                    }

                    if (method.Kind == AuthMethodKind.Certificate && string.IsNullOrWhiteSpace(method.CertificateAuthority))
                    {
                        yield return Error(ErrorIds.InvalidAuthMethod, target, "A certificate method names no root CA.");
                    }
                }
            }
        }
    }

    internal static IEnumerable<(Policy Policy, Rule Rule, FilterList List, FilterAction Action)> RulesWithParts(StoreDocument document)
    {
        foreach (var policy in document.Policies)
        {
            foreach (var rule in policy.Rules)
            {
                var list = document.FindFilterList(rule.FilterList);
                var action = document.FindFilterAction(rule.FilterAction);
                if (list is not null && action is not null)
                {
                    yield return (policy, rule, list, action);
                }
            }
        }
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

    private static Diagnostic Error(string code, string target, string message) => new(DiagnosticSeverity.Error, code, message, target);

    /// <summary>Filters equal when <see cref="Filter.SameSelector"/> says so (what makes a duplicate in a list).</summary>
    private sealed class SelectorComparer : IEqualityComparer<Filter>
    {
        public static SelectorComparer Instance { get; } = new();

        public bool Equals(Filter? x, Filter? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SameSelector(y));

        public int GetHashCode(Filter filter)
        {
            unchecked
            {
                var hash = filter.SourceAddress.GetHashCode();
                hash = hash * 31 + filter.DestinationAddress.GetHashCode();
                hash = hash * 31 + filter.Protocol.GetHashCode();
                hash = hash * 31 + (filter.SourcePort << 16 | filter.DestinationPort);
                return hash * 2 + (filter.Mirrored ? 1 : 0);
            }
        }
    }
}
