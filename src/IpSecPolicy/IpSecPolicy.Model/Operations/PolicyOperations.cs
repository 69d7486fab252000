using System;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Operations;

/// <summary>Changes to policies and the assignment, applied to a document inside PolicyStore.Update.</summary>
public static class PolicyOperations
{
    public const int MaxMainModeLifetimeMinutes = 71582788; // 2^32 seconds, IKE's lifetime field
    public const int MaxPollingIntervalMinutes = 43200;

    public static Policy AddPolicy(this StoreDocument document, Policy policy, DateTimeOffset now)
    {
        policy.Name = Names.Check(policy.Name, "policy");
        if (document.FindPolicy(policy.Name) is not null)
        {
            throw new PolicyException(ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists,
                $"A policy named '{policy.Name}' already exists.", policy.Name);
        }

        CheckSettings(policy);
        policy.LastModified = now;
        document.Policies.Add(policy);
        return policy;
    }

    /// <summary>Renames a policy, keeping the assignment pointing at it.</summary>
    public static void RenamePolicy(this StoreDocument document, Policy policy, string newName)
    {
        newName = Names.Check(newName, "policy");
        var other = document.FindPolicy(newName);
        if (other is not null && !ReferenceEquals(other, policy))
        {
            throw new PolicyException(ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists,
                $"A policy named '{newName}' already exists.", newName);
        }

        if (StoreDocument.Same(document.AssignedPolicy, policy.Name))
        {
            document.AssignedPolicy = newName;
        }

        policy.Name = newName;
    }

    /// <summary>Removes a policy; the assigned one only with <paramref name="force"/> (it is then unassigned).</summary>
    public static Policy RemovePolicy(this StoreDocument document, string name, bool force)
    {
        var policy = document.GetPolicy(name);
        if (StoreDocument.Same(document.AssignedPolicy, policy.Name))
        {
            if (!force)
            {
                throw new PolicyException(ErrorIds.PolicyAssigned, PolicyErrorCategory.InvalidOperation,
                    $"Policy '{policy.Name}' is assigned. Unassign it with Disable-IpSecPolicy first, or use -Force.", policy.Name);
            }

            document.AssignedPolicy = null;
        }

        document.Policies.Remove(policy);
        return policy;
    }

    /// <summary>Assigns a policy; the one assigned before is unassigned (one at a time, as on Windows).</summary>
    public static Policy? Assign(this StoreDocument document, string name)
    {
        var policy = document.GetPolicy(name);
        var previous = document.Assigned;
        document.AssignedPolicy = policy.Name;
        return previous is null || ReferenceEquals(previous, policy) ? null : previous;
    }

    /// <summary>Unassigns the assigned policy and returns it.</summary>
    public static Policy Unassign(this StoreDocument document)
    {
        var policy = document.Assigned ?? throw new PolicyException(ErrorIds.NoPolicyAssigned, PolicyErrorCategory.InvalidOperation,
            "No policy is assigned.", null);
        document.AssignedPolicy = null;
        return policy;
    }

    public static void CheckSettings(Policy policy)
    {
        Range(nameof(Policy.MainModeLifetimeMinutes), policy.MainModeLifetimeMinutes, 1, MaxMainModeLifetimeMinutes);
        Range(nameof(Policy.MainModeQuickModeLimit), policy.MainModeQuickModeLimit, 0, int.MaxValue);
        Range(nameof(Policy.PollingIntervalMinutes), policy.PollingIntervalMinutes, 0, MaxPollingIntervalMinutes);
        if (policy.MainModeSecurityMethods.Count == 0)
        {
            throw new PolicyException(ErrorIds.InvalidMainModeMethod, PolicyErrorCategory.InvalidArgument,
                $"Policy '{policy.Name}' needs at least one main mode security method.", policy.Name);
        }
    }

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new PolicyException(ErrorIds.InvalidValue, PolicyErrorCategory.InvalidArgument,
                $"{name} must be {min}-{max}; {value} is not.", value);
        }
    }
}
