using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Restore-IpSecDefaultPolicy, after the IP Security Policies snap-in's "Restore Default Policies":
/// the predefined filter lists, filter actions and policies that are missing are added, those that
/// differ from their predefined form are reset to it; objects the administrator created are left
/// alone. An object is predefined by its name. The assignment stays, unless it names a policy that
/// does not exist (it is then cleared).
/// </summary>
public static class PredefinedObjectOperations
{
    /// <summary>The predefined objects that are missing or changed, in the order they would be restored.</summary>
    public static IReadOnlyList<PredefinedObjectRestore> PredefinedObjectsToRestore(this StoreDocument document) =>
        Differences(document, DateTimeOffset.UtcNow).Select(d => d.Restore).ToList();

    /// <summary>
    /// Restores the predefined objects that differ (only those <paramref name="include"/> accepts,
    /// when given) and, unless told not to, clears an assignment that still names no policy.
    /// </summary>
    public static RestoreOutcome RestorePredefinedObjects(this StoreDocument document, DateTimeOffset now,
        Func<PredefinedObjectRestore, bool>? include = null, bool clearDanglingAssignment = true)
    {
        var restored = new List<object>();
        foreach (var (restore, fresh) in Differences(document, now).ToList())
        {
            if (include is not null && !include(restore))
            {
                continue;
            }

            switch (fresh)
            {
                case FilterList list:
                    Put(document.FilterLists, document.FindFilterList(list.Name), list);
                    break;
                case FilterAction action:
                    Put(document.FilterActions, document.FindFilterAction(action.Name), action);
                    break;
                case Policy policy:
                    Put(document.Policies, document.FindPolicy(policy.Name), policy);
                    break;
            }

            restored.Add(fresh);
        }

        string? cleared = null;
        if (clearDanglingAssignment && document.AssignedPolicy is not null && document.Assigned is null)
        {
            cleared = document.AssignedPolicy;
            document.AssignedPolicy = null;
        }

        return new RestoreOutcome(restored, cleared);
    }

    private static IEnumerable<(PredefinedObjectRestore Restore, object Fresh)> Differences(StoreDocument document, DateTimeOffset now)
    {
        foreach (var list in PredefinedObjects.FilterLists(now))
        {
            var reason = Compare(document.FindFilterList(list.Name), list);
            if (reason is not null)
            {
                yield return (new PredefinedObjectRestore(PredefinedObjectKind.FilterList, list.Name, reason.Value), list);
            }
        }

        foreach (var action in PredefinedObjects.FilterActions(now))
        {
            var reason = Compare(document.FindFilterAction(action.Name), action);
            if (reason is not null)
            {
                yield return (new PredefinedObjectRestore(PredefinedObjectKind.FilterAction, action.Name, reason.Value), action);
            }
        }

        foreach (var policy in PredefinedObjects.Policies(now))
        {
            var reason = Compare(document.FindPolicy(policy.Name), policy);
            if (reason is not null)
            {
                yield return (new PredefinedObjectRestore(PredefinedObjectKind.Policy, policy.Name, reason.Value), policy);
            }
        }
    }

    private static RestoreReason? Compare(object? current, object predefined)
    {
        if (current is null)
        {
            return RestoreReason.Missing;
        }

        return Canonical(current) == Canonical(predefined) ? null : RestoreReason.Changed;
    }

    /// <summary>
    /// The object as stored, less what a restore does not restore: the time of the last change and the
    /// random ids of authentication methods. Comparing documents catches every stored field, present or future.
    /// </summary>
    private static string Canonical(object value)
    {
        var copy = value switch
        {
            FilterList list => (object)WithoutTime(list.Clone()),
            FilterAction action => WithoutTime(action.Clone()),
            Policy policy => WithoutIds(policy.Clone()),
            _ => throw new ArgumentException($"{value.GetType().Name} is not a predefined object kind.", nameof(value)),
        };
        return JsonSerializer.Serialize(copy, copy.GetType(), PolicyJson.Options);
    }

    private static FilterList WithoutTime(FilterList list)
    {
        list.LastModified = default;
        return list;
    }

    private static FilterAction WithoutTime(FilterAction action)
    {
        action.LastModified = default;
        return action;
    }

    private static Policy WithoutIds(Policy policy)
    {
        policy.LastModified = default;
        foreach (var method in policy.Rules.SelectMany(r => r.AuthMethods).Concat(policy.DefaultResponseRule.AuthMethods))
        {
            method.Id = Guid.Empty;
        }

        return policy;
    }

    private static void Put<T>(List<T> items, T? current, T fresh)
        where T : class
    {
        if (current is null)
        {
            items.Add(fresh);
        }
        else
        {
            items[items.IndexOf(current)] = fresh;
        }
    }
}
