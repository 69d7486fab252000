using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// The policy the engine enforces: the assigned one, plus the rules of the policies a VPN gateway
/// or VPN connection generated (RRAS likewise adds its L2TP filters to whatever policy is
/// assigned). Their main mode methods follow the assigned policy's, so a client's offer that only
/// the generated list covers is still accepted. Null when nothing is to be enforced.
/// </summary>
public static class EnforcedPolicy
{
    public static Policy? Of(StoreDocument document)
    {
        var assigned = document.Assigned;
        var generated = Generated(document)
            .Where(p => assigned is null || !StoreDocument.Same(p.Name, assigned.Name))
            .ToList();
        if (generated.Count == 0)
        {
            return assigned;
        }

        var combined = assigned?.Clone() ?? new Policy
        {
            Name = generated[0].Name,
            Description = generated[0].Description,
            MainModeSecurityMethods = new List<Values.MainModeMethod>(),
            DefaultResponseRule = new DefaultResponseRule { Active = false },
            LastModified = generated[0].LastModified,
        };
        foreach (var policy in generated)
        {
            combined.Rules.AddRange(policy.Rules.Select(rule => rule.Clone()));
            combined.MainModeSecurityMethods.AddRange(policy.MainModeSecurityMethods.Where(m => !combined.MainModeSecurityMethods.Contains(m)));
        }

        return combined;
    }

    /// <summary>The generated policies the document's VPN settings name, as far as they exist.</summary>
    public static IEnumerable<Policy> Generated(StoreDocument document)
    {
        if (document.VpnGateway is not null && document.FindPolicy(VpnGateway.PolicyName) is { } gateway)
        {
            yield return gateway;
        }

        if (document.VpnConnection is not null && document.FindPolicy(VpnConnection.PolicyName) is { } connection)
        {
            yield return connection;
        }
    }
}
