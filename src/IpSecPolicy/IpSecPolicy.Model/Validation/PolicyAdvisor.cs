using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Validation;

/// <summary>
/// Advice on a policy that the store does not refuse: what works, but likely not as meant (warnings),
/// and what an administrator should know (information). Test-IpSecPolicy reports these after
/// PolicyValidator's errors and the compiler's diagnostics. Codes are in <see cref="DiagnosticCodes"/>;
/// docs/policy-compiler.md gives each one's severity and reason.
/// </summary>
public static class PolicyAdvisor
{
    private static readonly Func<Context, IEnumerable<Diagnostic>>[] Checks =
    {
        ActiveRules,
        EmptyFilterLists,
        ShadowedFilters,
        ConflictingAuthMethods,
        Kerberos,
        WeakMethods,
        PreSharedKeys,
        SoftAndPassthrough,
        MirroredTunnelFilters,
    };

    /// <summary>
    /// Everything Test-IpSecPolicy reports for one policy, most severe first: the validation errors
    /// that concern it (its own, its rules', and those of the filter lists and actions it uses), what
    /// the compiler could not compile on <paramref name="host"/>, and the advisor's findings.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Test(StoreDocument document, Policy policy, HostContext host)
    {
        var compiled = PolicyCompiler.Compile(document, policy, host);
        var mine = new HashSet<string>(StringComparer.Ordinal) { Targets.Of(policy) };
        foreach (var rule in policy.Rules)
        {
            mine.Add($"FilterList '{rule.FilterList}'");
            mine.Add($"FilterAction '{rule.FilterAction}'");
        }

        var errors = PolicyValidator.Validate(document).Where(d => mine.Any(prefix => Concerns(d.Target, prefix)));
        return errors.Concat(compiled.Diagnostics).Concat(Advise(document, compiled))
            .Select((d, i) => (d, i))
            .OrderByDescending(x => x.d.Severity)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
    }

    /// <summary>The advisor's findings on a compiled policy (without validation errors or compiler diagnostics).</summary>
    public static IReadOnlyList<Diagnostic> Advise(StoreDocument document, CompiledPolicy compiled)
    {
        var context = new Context(document, compiled);
        return Checks.SelectMany(check => check(context)).ToList();
    }

    private static IEnumerable<Diagnostic> ActiveRules(Context c)
    {
        foreach (var rule in c.Policy.Rules.Where(r => !r.Active))
        {
            yield return Info(DiagnosticCodes.InactiveRule, Targets.Of(c.Policy, rule), "The rule is not active, so its filters are not applied.");
        }

        if (!c.Policy.Rules.Any(r => r.Active))
        {
            yield return Info(DiagnosticCodes.NoActiveRules, Targets.Of(c.Policy),
                c.Policy.DefaultResponseRule.Active
                    ? "The policy has no active rule: it only answers peers that request security (the default response rule), like Client (Respond Only)."
                    : "The policy has no active rule and its default response rule is off: assigning it changes no traffic.");
        }
    }

    private static IEnumerable<Diagnostic> EmptyFilterLists(Context c)
    {
        foreach (var part in c.Rules.Where(p => p.List.Filters.Count == 0))
        {
            yield return Warn(DiagnosticCodes.EmptyFilterList, Targets.Of(c.Policy, part.Rule),
                $"Filter list '{part.List.Name}' has no filters, so the rule matches no traffic.");
        }
    }

    /// <summary>A source filter all of whose effective filters are decided first by an earlier filter.</summary>
    private static IEnumerable<Diagnostic> ShadowedFilters(Context c)
    {
        var bySource = c.Compiled.Filters.GroupBy(f => (f.Rule, f.FilterIndex));
        foreach (var group in bySource)
        {
            var shadows = group.Select(f => c.Compiled.ShadowedBy(f)).ToList();
            if (shadows.All(s => s is not null))
            {
                var first = group.First();
                var by = shadows[0]!;
                var what = by.Rule == first.Rule
                    ? $"filter '{by.SourceFilter}' of the same list"
                    : $"rule '{by.Rule}' (filter list '{by.FilterList}', filter '{by.SourceFilter}', action {by.ActionText})";
                yield return Warn(DiagnosticCodes.ShadowedFilter, $"{Targets.Of(c.Policy, c.RuleNamed(first.Rule))} / Filter '{first.SourceFilter}'",
                    $"The filter never decides a packet: every packet it matches is decided first by {what}, which is as specific and ordered before it.");
            }
        }
    }

    /// <summary>Two negotiating rules that cover one pair of hosts but authenticate differently.</summary>
    private static IEnumerable<Diagnostic> ConflictingAuthMethods(Context c)
    {
        var negotiating = c.Rules.Where(p => p.Action.Action == FilterActionType.Negotiate).ToList();
        var pairs = negotiating.ToDictionary(p => p.Rule, p => c.FiltersOf(p.Rule)
            .Select(f => (f.Source, f.Destination))
            .Distinct()
            .ToList());
        for (var i = 0; i < negotiating.Count; i++)
        {
            for (var j = i + 1; j < negotiating.Count; j++)
            {
                var (a, b) = (negotiating[i].Rule, negotiating[j].Rule);
                if (AuthSignature(a) == AuthSignature(b))
                {
                    continue;
                }

                var shared = SharedPeers(a, b, pairs);
                if (shared is not null)
                {
                    yield return Warn(DiagnosticCodes.ConflictingAuthMethods, Targets.Of(c.Policy, b),
                        $"Rules '{a.Name}' and '{b.Name}' both cover traffic between {shared} but authenticate differently "
                        + $"({Describe(a.AuthMethods)} / {Describe(b.AuthMethods)}). Two hosts have one main mode, authenticated one way, so one of the rules fails.");
                }
            }
        }
    }

    private static IEnumerable<Diagnostic> Kerberos(Context c)
    {
        const string Why = "The engine does not implement Kerberos (GSS-API) IKE authentication, which needs Active Directory domain membership";
        foreach (var (target, methods) in c.AuthenticatingRules())
        {
            if (!methods.Any(m => m.Kind == AuthMethodKind.Kerberos))
            {
                continue;
            }

            yield return methods.All(m => m.Kind == AuthMethodKind.Kerberos)
                ? Warn(DiagnosticCodes.KerberosNotEnforceable, target, $"{Why}; Kerberos is this rule's only method, so its negotiations cannot authenticate on Linux. Add a certificate or pre-shared key method.")
                : Info(DiagnosticCodes.KerberosNotEnforceable, target, $"{Why}; the engine skips Kerberos and offers the rule's other methods ({Describe(methods.Where(m => m.Kind != AuthMethodKind.Kerberos).ToList())}).");
        }
    }

    private static IEnumerable<Diagnostic> WeakMethods(Context c)
    {
        var weakMain = c.Policy.MainModeSecurityMethods.Where(m => m.IsWeak).ToList();
        if (weakMain.Count > 0)
        {
            yield return Warn(DiagnosticCodes.WeakMainModeMethod, Targets.Of(c.Policy),
                $"Main mode offers weak methods ({string.Join(", ", weakMain)}): DES, MD5 and Diffie-Hellman groups 1 and 2 can be broken; an attacker in the middle can force the weakest method both sides accept.");
        }

        foreach (var action in c.Rules.Select(p => p.Action).Where(a => a.Action == FilterActionType.Negotiate).Distinct())
        {
            var weak = action.SecurityMethods.Where(m => m.IsWeak).ToList();
            if (weak.Count > 0)
            {
                yield return Warn(DiagnosticCodes.WeakQuickModeMethod, Targets.Of(action),
                    $"Quick mode offers weak methods ({string.Join(", ", weak)}): DES and MD5 no longer protect traffic.");
            }
        }

        var response = c.Policy.DefaultResponseRule;
        var weakResponse = response.SecurityMethods.Where(m => m.IsWeak).ToList();
        if (response.Active && weakResponse.Count > 0)
        {
            yield return Warn(DiagnosticCodes.WeakDefaultResponseMethod, $"{Targets.Of(c.Policy)} / DefaultResponseRule",
                $"The default response rule accepts weak methods ({string.Join(", ", weakResponse)}): any peer that asks may get them.");
        }
    }

    private static IEnumerable<Diagnostic> PreSharedKeys(Context c)
    {
        foreach (var (target, methods) in c.AuthenticatingRules())
        {
            if (methods.Any(m => m.Kind == AuthMethodKind.PreSharedKey))
            {
                yield return Info(DiagnosticCodes.PreSharedKeyAuth, target,
                    "A pre-shared key authenticates this rule. Microsoft recommends it only for testing and interoperability: the key is stored on both hosts and anyone who reads it can impersonate either; prefer certificates.");
            }
        }
    }

    private static IEnumerable<Diagnostic> SoftAndPassthrough(Context c)
    {
        foreach (var part in c.Rules.Where(p => p.Action.Action == FilterActionType.Negotiate))
        {
            var target = Targets.Of(c.Policy, part.Rule);
            if (part.Action.FallbackToClear)
            {
                yield return Info(DiagnosticCodes.FallbackToClear, target,
                    $"Filter action '{part.Action.Name}' falls back to clear: traffic with a peer that does not answer IKE is sent unprotected.");
            }

            if (part.Action.AllowUnsecuredInbound && c.FiltersOf(part.Rule).Any(f => f.Source.IsAny || f.Destination.IsAny))
            {
                yield return Info(DiagnosticCodes.InboundPassthroughFromAny, target,
                    $"Filter action '{part.Action.Name}' accepts unsecured inbound traffic from any address (inpass). On a computer reachable from untrusted networks, clear it so that unsecured packets do not reach services.");
            }
        }
    }

    private static IEnumerable<Diagnostic> MirroredTunnelFilters(Context c)
    {
        foreach (var part in c.Rules.Where(p => p.Rule.IsTunnel && p.List.Filters.Any(f => f.Mirrored)))
        {
            yield return Warn(DiagnosticCodes.MirroredTunnelFilter, Targets.Of(c.Policy, part.Rule),
                $"Filter list '{part.List.Name}' has mirrored filters in a tunnel rule: the reverse direction would be tunnelled to the same endpoint {part.Rule.TunnelEndpoint}. A tunnel needs one rule per direction, each with non-mirrored filters and the far end's endpoint.");
        }
    }

    /// <summary>A pair of hosts covered by both rules, as text, or null.</summary>
    private static string? SharedPeers(Rule a, Rule b, Dictionary<Rule, List<(AddressBlock Source, AddressBlock Destination)>> pairs)
    {
        if (a.IsTunnel || b.IsTunnel)
        {
            return a.IsTunnel && b.IsTunnel && a.TunnelEndpoint!.Equals(b.TunnelEndpoint) ? $"this host and tunnel endpoint {a.TunnelEndpoint}" : null;
        }

        foreach (var x in pairs[a])
        {
            foreach (var y in pairs[b])
            {
                if (x.Source.Overlaps(y.Source) && x.Destination.Overlaps(y.Destination))
                {
                    return $"{Narrower(x.Source, y.Source)} and {Narrower(x.Destination, y.Destination)}";
                }
            }
        }

        return null;
    }

    private static AddressBlock Narrower(AddressBlock x, AddressBlock y) => x.FixedBits >= y.FixedBits ? x : y;

    private static string AuthSignature(Rule rule) =>
        string.Join("|", rule.AuthMethods.Select(m => m.Kind == AuthMethodKind.Certificate ? $"Certificate:{m.CertificateAuthority}" : m.Kind.ToString()));

    private static string Describe(IReadOnlyCollection<AuthMethod> methods) =>
        methods.Count == 0 ? "none" : string.Join(", ", methods.Select(m => m.ToString()));

    /// <summary>Concerns the object named by <paramref name="prefix"/> or something inside it.</summary>
    private static bool Concerns(string target, string prefix) =>
        string.Equals(target, prefix, StringComparison.OrdinalIgnoreCase)
        || target.StartsWith(prefix + " /", StringComparison.OrdinalIgnoreCase);

    private static Diagnostic Warn(string code, string target, string message) => new(DiagnosticSeverity.Warning, code, message, target);

    private static Diagnostic Info(string code, string target, string message) => new(DiagnosticSeverity.Information, code, message, target);

    /// <summary>One policy's facts, looked up once for every check.</summary>
    private sealed class Context
    {
        private readonly ILookup<string, EffectiveFilter> byRule;

        public Context(StoreDocument document, CompiledPolicy compiled)
        {
            Compiled = compiled;
            Policy = compiled.Policy;
            Rules = Policy.Rules
                .Where(r => r.Active)
                .Select(r => (Rule: r, List: document.FindFilterList(r.FilterList), Action: document.FindFilterAction(r.FilterAction)))
                .Where(x => x.List is not null && x.Action is not null)
                .Select(x => new Part(x.Rule, x.List!, x.Action!))
                .ToList();
            byRule = compiled.Filters.ToLookup(f => f.Rule, StringComparer.OrdinalIgnoreCase);
        }

        public CompiledPolicy Compiled { get; }

        public Policy Policy { get; }

        /// <summary>The active rules whose list and action exist.</summary>
        public List<Part> Rules { get; }

        public IEnumerable<EffectiveFilter> FiltersOf(Rule rule) => byRule[rule.Name];

        public Rule RuleNamed(string name) => Policy.Rules.First(r => r.Name == name);

        /// <summary>The rules that authenticate peers: active negotiating rules and the active default response rule.</summary>
        public IEnumerable<(string Target, IReadOnlyList<AuthMethod> Methods)> AuthenticatingRules()
        {
            foreach (var part in Rules.Where(p => p.Action.Action == FilterActionType.Negotiate))
            {
                yield return (Targets.Of(Policy, part.Rule), part.Rule.AuthMethods);
            }

            if (Policy.DefaultResponseRule.Active)
            {
                yield return ($"{Targets.Of(Policy)} / DefaultResponseRule", Policy.DefaultResponseRule.AuthMethods);
            }
        }
    }

    private sealed class Part
    {
        public Part(Rule rule, FilterList list, FilterAction action)
        {
            Rule = rule;
            List = list;
            Action = action;
        }

        public Rule Rule { get; }

        public FilterList List { get; }

        public FilterAction Action { get; }
    }
}
