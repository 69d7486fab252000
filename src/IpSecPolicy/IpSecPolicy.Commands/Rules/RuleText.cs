using System.Linq;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Commands.Rules;

/// <summary>One-line summaries of rules for verbose messages. Auth methods print as their kinds: a key never shows.</summary>
internal static class RuleText
{
    public static string Summary(Rule rule)
    {
        var mode = rule.TunnelEndpoint is null ? "transport mode" : $"tunnel to {rule.TunnelEndpoint}";
        var methods = rule.AuthMethods.Count == 0 ? "none" : string.Join(", ", rule.AuthMethods.Select(m => m.ToString()));
        return $"rule '{rule.Name}' of policy '{rule.Policy}': '{rule.FilterList}' -> '{rule.FilterAction}', {mode}, "
            + $"{rule.ConnectionType} connections, {(rule.Active ? "active" : "inactive")}, authentication: {methods}";
    }
}
