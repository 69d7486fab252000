using System;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Changes to the rules of a policy (netsh add|set|delete rule), applied to a document inside
/// PolicyStore.Update. What involves other objects (a Negotiate action over a non-mirrored filter,
/// a tunnel over port filters) is the store's PolicyValidator's to refuse, whichever change causes it.
/// </summary>
public static class RuleOperations
{
    /// <summary>Adds <paramref name="rule"/> to the named policy and returns the stored copy.</summary>
    public static Rule AddRule(this StoreDocument document, string policyName, Rule rule, DateTimeOffset now)
    {
        var policy = document.GetPolicy(policyName);
        var stored = Checked(document, policy, rule.Clone(), replacing: null);
        policy.Rules.Add(stored);
        policy.LastModified = now;
        stored.Policy = policy.Name;
        return stored;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a copy of the rule, checks the result as a new rule is
    /// checked (a new name included) and puts it in the rule's place. Returns the stored rule.
    /// </summary>
    public static Rule UpdateRule(this StoreDocument document, string policyName, string ruleName, Action<Rule> change, DateTimeOffset now)
    {
        var policy = document.GetPolicy(policyName);
        var current = document.GetRule(policy, ruleName);
        var changed = current.Clone();
        change(changed);
        var stored = Checked(document, policy, changed, replacing: current);
        policy.Rules[policy.Rules.IndexOf(current)] = stored;
        policy.LastModified = now;
        stored.Policy = policy.Name;
        return stored;
    }

    /// <summary>Removes a rule; its pre-shared keys leave the secret file with it.</summary>
    public static Rule RemoveRule(this StoreDocument document, string policyName, string ruleName, DateTimeOffset now)
    {
        var policy = document.GetPolicy(policyName);
        var rule = document.GetRule(policy, ruleName);
        policy.Rules.Remove(rule);
        policy.LastModified = now;
        rule.Policy = policy.Name;
        return rule;
    }

    private static Rule Checked(StoreDocument document, Policy policy, Rule rule, Rule? replacing)
    {
        rule.Name = Names.Check(rule.Name, "rule");
        if (policy.Rules.Any(r => !ReferenceEquals(r, replacing) && StoreDocument.Same(r.Name, rule.Name)))
        {
            throw new PolicyException(ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists,
                $"Policy '{policy.Name}' already has a rule named '{rule.Name}'.", rule.Name);
        }

        // References take the stored spelling, so a rule always names its list and action as they are named.
        var list = document.GetFilterList(rule.FilterList);
        var action = document.GetFilterAction(rule.FilterAction);
        rule.FilterList = list.Name;
        rule.FilterAction = action.Name;
        rule.TunnelEndpoint = TunnelEndpoint.Check(rule.TunnelEndpoint);
        if (!Enum.IsDefined(typeof(ConnectionType), rule.ConnectionType))
        {
            throw new PolicyException(ErrorIds.InvalidValue, PolicyErrorCategory.InvalidArgument,
                $"'{rule.ConnectionType}' is not a connection type (All, Lan, RemoteAccess).", rule.ConnectionType);
        }

        var target = Targets.Of(policy, rule);
        rule.AuthMethods = AuthMethodList.Prepare(rule.AuthMethods, target);
        if (action.Action == FilterActionType.Negotiate && rule.AuthMethods.Count == 0)
        {
            // netsh falls back to Kerberos here; the Linux engine cannot use Kerberos, so ask instead.
            throw new PolicyException(ErrorIds.NegotiateRequiresAuthMethod, PolicyErrorCategory.InvalidOperation,
                $"{target}: filter action '{action.Name}' negotiates security, so the rule needs an authentication method. "
                + "Give -AuthMethod (New-IpSecAuthMethod -PreSharedKey or -CertificateAuthority); unlike netsh, no Kerberos default is assumed.",
                target);
        }

        return rule;
    }
}
