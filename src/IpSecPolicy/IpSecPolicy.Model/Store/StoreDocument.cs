using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// Everything the store holds but the secrets: the whole local policy store of one host, the way
/// Windows keeps policies, filter lists and filter actions side by side and shares the latter.
/// Lookups are by name, case-insensitive.
/// </summary>
public sealed class StoreDocument
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; set; } = CurrentFormatVersion;

    /// <summary>The name of the assigned policy, or null.</summary>
    public string? AssignedPolicy { get; set; }

    public Configuration Configuration { get; set; } = new();

    public List<FilterList> FilterLists { get; set; } = new();

    public List<FilterAction> FilterActions { get; set; } = new();

    public List<Policy> Policies { get; set; } = new();

    /// <summary>The L2TP/IPsec gateway's settings (Start-VpnGateway); null when the engine is no gateway.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VpnGateway? VpnGateway { get; set; }

    /// <summary>The engine's L2TP/IPsec client connection (Connect-VpnGateway); null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VpnConnection? VpnConnection { get; set; }

    public Policy? FindPolicy(string name) => Policies.FirstOrDefault(p => Same(p.Name, name));

    public FilterList? FindFilterList(string name) => FilterLists.FirstOrDefault(l => Same(l.Name, name));

    public FilterAction? FindFilterAction(string name) => FilterActions.FirstOrDefault(a => Same(a.Name, name));

    public Policy GetPolicy(string name) => FindPolicy(name)
        ?? throw NotFound(ErrorIds.PolicyNotFound, $"There is no policy named '{name}'.", name);

    public FilterList GetFilterList(string name) => FindFilterList(name)
        ?? throw NotFound(ErrorIds.FilterListNotFound, $"There is no filter list named '{name}'.", name);

    public FilterAction GetFilterAction(string name) => FindFilterAction(name)
        ?? throw NotFound(ErrorIds.FilterActionNotFound, $"There is no filter action named '{name}'.", name);

    public Rule GetRule(Policy policy, string name) => policy.Rules.FirstOrDefault(r => Same(r.Name, name))
        ?? throw NotFound(ErrorIds.RuleNotFound, $"Policy '{policy.Name}' has no rule named '{name}'.", name);

    /// <summary>The assigned policy, or null.</summary>
    public Policy? Assigned => AssignedPolicy is null ? null : FindPolicy(AssignedPolicy);

    /// <summary>Every rule (with its policy) that uses the named filter list.</summary>
    public IEnumerable<(Policy Policy, Rule Rule)> RulesUsingFilterList(string name) =>
        from p in Policies from r in p.Rules where Same(r.FilterList, name) select (p, r);

    /// <summary>Every rule (with its policy) that uses the named filter action.</summary>
    public IEnumerable<(Policy Policy, Rule Rule)> RulesUsingFilterAction(string name) =>
        from p in Policies from r in p.Rules where Same(r.FilterAction, name) select (p, r);

    /// <summary>Fills the read-only back references (policy of a rule and of the default response rule, list of a filter, assigned flag).</summary>
    public void FillBackReferences()
    {
        foreach (var list in FilterLists)
        {
            foreach (var filter in list.Filters)
            {
                filter.FilterList = list.Name;
            }
        }

        foreach (var policy in Policies)
        {
            policy.Assigned = AssignedPolicy is not null && Same(policy.Name, AssignedPolicy);
            policy.DefaultResponseRule.Policy = policy.Name;
            foreach (var rule in policy.Rules)
            {
                rule.Policy = policy.Name;
            }
        }
    }

    public StoreDocument Clone() => new()
    {
        FormatVersion = FormatVersion,
        AssignedPolicy = AssignedPolicy,
        Configuration = Configuration.Clone(),
        FilterLists = FilterLists.Select(l => l.Clone()).ToList(),
        FilterActions = FilterActions.Select(a => a.Clone()).ToList(),
        Policies = Policies.Select(p => p.Clone()).ToList(),
        VpnGateway = VpnGateway?.Clone(),
        VpnConnection = VpnConnection?.Clone(),
    };

    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static PolicyException NotFound(string id, string message, string name) =>
        new(id, PolicyErrorCategory.ObjectNotFound, message, name);
}
