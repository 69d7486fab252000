using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Policies;

/// <summary>What differs between the policy in force and a new reading of the store, in numbers and in words.</summary>
internal static class PolicyDifference
{
    public static PolicySyncResult Between(PolicySnapshot before, PolicySnapshot after, string storePath)
    {
        var result = new PolicySyncResult
        {
            PreviousPolicy = before.Policy?.Name,
            Policy = after.Policy?.Name,
            PolicyLastModified = after.Policy?.LastModified,
            PreviousFilterCount = before.FilterCount,
            FilterCount = after.FilterCount,
            Warnings = after.Warnings.ToList(),
            StorePath = storePath,
            Time = after.CheckedAt,
        };

        var changes = result.Changes;
        if (!StoreDocument.Same(result.PreviousPolicy, result.Policy))
        {
            changes.Add((result.PreviousPolicy, result.Policy) switch
            {
                (null, { } now) => $"Policy '{now}' is assigned.",
                ({ } was, null) => $"Policy '{was}' is no longer assigned: no policy is enforced.",
                _ => $"Assigned policy: '{result.PreviousPolicy}' -> '{result.Policy}'.",
            });
        }
        else if (before.Fingerprint != after.Fingerprint)
        {
            changes.Add(before.Policy?.LastModified != after.Policy?.LastModified && after.Policy is not null
                ? $"Policy '{after.Policy.Name}' was modified ({after.Policy.LastModified.ToString("u", CultureInfo.InvariantCulture)})."
                : after.Policy is null
                    ? "The engine-wide configuration changed."
                    : $"The filter lists, filter actions, keys or configuration that policy '{after.Policy.Name}' uses changed.");
        }

        var addressesBefore = before.Addresses;
        var addressesAfter = after.Addresses;
        if (!addressesBefore.OrderBy(a => a).SequenceEqual(addressesAfter.OrderBy(a => a)))
        {
            changes.Add($"Addresses of {after.Host.InterfaceAlias}: {Join(addressesBefore)} -> {Join(addressesAfter)}.");
        }

        var (added, removed) = Compare(before.Compiled?.Filters, after.Compiled?.Filters);
        result.FiltersAdded = added;
        result.FiltersRemoved = removed;
        if (added > 0 || removed > 0)
        {
            changes.Add($"Effective filters: {added} added, {removed} removed ({result.PreviousFilterCount} -> {result.FilterCount}).");
        }

        result.Changed = changes.Count > 0;
        return result;
    }

    /// <summary>Filters added and removed, as multisets of their identity (fields, action, rule).</summary>
    private static (int Added, int Removed) Compare(IReadOnlyList<EffectiveFilter>? before, IReadOnlyList<EffectiveFilter>? after)
    {
        var counts = new Dictionary<string, int>();
        foreach (var filter in before ?? new List<EffectiveFilter>())
        {
            counts[Identity(filter)] = counts.GetValueOrDefault(Identity(filter)) + 1;
        }

        var added = 0;
        foreach (var filter in after ?? new List<EffectiveFilter>())
        {
            var key = Identity(filter);
            if (counts.GetValueOrDefault(key) > 0)
            {
                counts[key]--;
            }
            else
            {
                added++;
            }
        }

        return (added, counts.Values.Sum());
    }

    private static string Identity(EffectiveFilter f) =>
        string.Join("|", f.Source, f.Destination, f.Protocol, f.SourcePort, f.DestinationPort, f.ActionText, f.Rule, f.FilterAction, f.Direction);

    private static string Join(IReadOnlyList<string> addresses) => addresses.Count == 0 ? "none" : string.Join(", ", addresses);
}
