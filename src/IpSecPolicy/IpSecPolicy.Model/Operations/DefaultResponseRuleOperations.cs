using System;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Changes to a policy's default response rule (netsh set defaultrule). The rule cannot be added or
/// deleted, only changed or deactivated; its action is always to negotiate, so it keeps at least one
/// security method and one authentication method.
/// </summary>
public static class DefaultResponseRuleOperations
{
    public static DefaultResponseRule UpdateDefaultResponseRule(this StoreDocument document, string policyName,
        Action<DefaultResponseRule> change, DateTimeOffset now)
    {
        var policy = document.GetPolicy(policyName);
        var changed = policy.DefaultResponseRule.Clone();
        change(changed);

        var target = $"{Targets.Of(policy)} / DefaultResponseRule";
        if (changed.SecurityMethods.Count == 0 || changed.SecurityMethods.Contains(null!))
        {
            throw new PolicyException(ErrorIds.NegotiateRequiresSecurityMethod, PolicyErrorCategory.InvalidArgument,
                $"{target}: the default response rule negotiates, so it needs at least one security method.", target);
        }

        changed.AuthMethods = AuthMethodList.Prepare(changed.AuthMethods, target);
        if (changed.AuthMethods.Count == 0)
        {
            throw new PolicyException(ErrorIds.NegotiateRequiresAuthMethod, PolicyErrorCategory.InvalidArgument,
                $"{target}: the default response rule negotiates, so it needs at least one authentication method.", target);
        }

        changed.Policy = policy.Name;
        policy.DefaultResponseRule = changed;
        policy.LastModified = now;
        return changed;
    }
}
