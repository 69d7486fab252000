using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Importing a policy document into a store (docs/policy-format.md, "Importing"). Objects are
/// matched by name, case-insensitively, the store's identity for them: an existing object of the
/// same name is replaced by the document's version when they differ (Update) and left alone when
/// they do not (Unchanged); objects the document does not mention are never touched.
/// </summary>
public static class ImportOperations
{
    /// <summary>
    /// What importing <paramref name="imported"/> would do, or the refusal (with the document's
    /// JSON path and line) of a document that cannot be imported: a pre-shared key method with no
    /// key in the document nor in the store (EmptyPreSharedKey), or a result that
    /// <see cref="PolicyValidator"/> refuses (ImportInvalid). Changes nothing.
    /// </summary>
    /// <param name="storedKeys">The store's keys by auth method id (PolicyStore.ReadSecrets).</param>
    public static ImportPlan PlanImport(this StoreDocument document, PolicyDocument imported, IReadOnlyDictionary<Guid, string> storedKeys)
    {
        var policy = imported.Policy.Clone();
        var lists = imported.FilterLists.Select(l => l.Clone()).ToList();
        var actions = imported.FilterActions.Select(a => a.Clone()).ToList();
        var existingPolicy = document.FindPolicy(policy.Name);
        ResolveKeysAndIds(document, existingPolicy, policy, storedKeys, imported.Scope);

        var items = new List<ImportPlanItem>();
        foreach (var list in lists)
        {
            var existing = document.FindFilterList(list.Name);
            items.Add(Item(imported.Source, ImportObjectType.FilterList, list.Name, existing is null ? null : Differences(
                PolicyDocumentWriter.Properties(existing), PolicyDocumentWriter.Properties(list)),
                OtherUsers(document.RulesUsingFilterList(list.Name), policy.Name)));
        }

        foreach (var action in actions)
        {
            var existing = document.FindFilterAction(action.Name);
            items.Add(Item(imported.Source, ImportObjectType.FilterAction, action.Name, existing is null ? null : Differences(
                PolicyDocumentWriter.Properties(existing), PolicyDocumentWriter.Properties(action)),
                OtherUsers(document.RulesUsingFilterAction(action.Name), policy.Name)));
        }

        List<string>? policyDifferences = null;
        if (existingPolicy is not null)
        {
            policyDifferences = Differences(PolicyDocumentWriter.Properties(existingPolicy), PolicyDocumentWriter.Properties(policy));
            if (!KeysOf(existingPolicy, storedKeys).SequenceEqual(KeysOf(policy, storedKeys), StringComparer.Ordinal))
            {
                policyDifferences.Add("preSharedKey");
            }
        }

        items.Add(Item(imported.Source, ImportObjectType.Policy, policy.Name, policyDifferences, ImportPlanItem.None));
        var plan = new ImportPlan(imported.Source, policy, lists, actions, items);
        RefuseNewErrors(document, plan, imported.Scope);
        return plan;
    }

    /// <summary>Applies a plan made by <see cref="PlanImport"/> on this same document (inside PolicyStore.Update).</summary>
    public static void ApplyImport(this StoreDocument document, ImportPlan plan, DateTimeOffset now)
    {
        foreach (var list in plan.FilterLists.Where(l => Changes(plan, ImportObjectType.FilterList, l.Name)))
        {
            var copy = list.Clone();
            copy.LastModified = now;
            Replace(document.FilterLists, document.FindFilterList(list.Name), copy);
        }

        foreach (var action in plan.FilterActions.Where(a => Changes(plan, ImportObjectType.FilterAction, a.Name)))
        {
            var copy = action.Clone();
            copy.LastModified = now;
            Replace(document.FilterActions, document.FindFilterAction(action.Name), copy);
        }

        if (Changes(plan, ImportObjectType.Policy, plan.Policy.Name))
        {
            var copy = plan.Policy.Clone();
            copy.LastModified = now;
            var existing = document.FindPolicy(copy.Name);
            if (existing is not null && StoreDocument.Same(document.AssignedPolicy, existing.Name))
            {
                document.AssignedPolicy = copy.Name; // the assignment follows a change of case in the name
            }

            Replace(document.Policies, existing, copy);
        }
    }

    /// <summary>
    /// Gives every pre-shared key method its key (the document's, else the store's for that id) and
    /// every auth method an id no other policy of the store uses: ids key the secret file, so a
    /// shared id would let one policy's key change another's.
    /// </summary>
    private static void ResolveKeysAndIds(StoreDocument document, Policy? replaced, Policy policy, IReadOnlyDictionary<Guid, string> storedKeys, DocumentScope scope)
    {
        var usedElsewhere = new HashSet<Guid>(document.Policies
            .Where(p => !ReferenceEquals(p, replaced))
            .SelectMany(p => p.Rules.SelectMany(r => r.AuthMethods).Concat(p.DefaultResponseRule.AuthMethods))
            .Select(m => m.Id));

        foreach (var (method, path) in PolicyDocumentReader.AuthMethodsWithPaths(policy))
        {
            if (method.Kind == AuthMethodKind.PreSharedKey && method.PreSharedKey is not { HasValue: true })
            {
                method.PreSharedKey = storedKeys.TryGetValue(method.Id, out var key)
                    ? new Secret(key)
                    : throw scope.Fail(path, $"This pre-shared key method carries no key, and the store holds none for auth method id {method.Id}. "
                        + "Import a document exported with -IncludeSecret, or add \"preSharedKey\".", ErrorIds.EmptyPreSharedKey);
            }

            if (usedElsewhere.Contains(method.Id))
            {
                method.Id = Guid.NewGuid();
            }
        }
    }

    private static void RefuseNewErrors(StoreDocument document, ImportPlan plan, DocumentScope scope)
    {
        var after = document.Clone();
        after.ApplyImport(plan, DateTimeOffset.UtcNow);
        var old = new HashSet<string>(PolicyValidator.Validate(document).Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Key));
        var introduced = PolicyValidator.Validate(after).Where(d => d.Severity == DiagnosticSeverity.Error && !old.Contains(d.Key)).ToList();
        if (introduced.Count == 0)
        {
            return;
        }

        // The document's own objects first: their errors point straight at what to fix.
        var paths = PathsByTarget(plan);
        var own = introduced.FirstOrDefault(d => paths.ContainsKey(d.Target));
        if (own is not null)
        {
            throw scope.Fail(paths[own.Target], $"{own.Code}: {own.Message}");
        }

        // An object the document does not hold broke: a rule of another policy that uses a list
        // or action the document changes. Point at that list or action.
        var shared = introduced[0];
        throw scope.Fail(PathOfSharedPart(after, shared.Target, plan) ?? "$",
            $"{shared.Code}: importing this would break {shared.Target}, which uses it: {shared.Message}");
    }

    private static Dictionary<string, string> PathsByTarget(ImportPlan plan)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Targets.Of(plan.Policy)] = PolicyDocument.Paths.Policy,
            [$"{Targets.Of(plan.Policy)} / DefaultResponseRule"] = PolicyDocument.Paths.DefaultResponseRule,
        };
        for (var i = 0; i < plan.Policy.Rules.Count; i++)
        {
            paths[Targets.Of(plan.Policy, plan.Policy.Rules[i])] = PolicyDocument.Paths.Rule(i);
        }

        for (var i = 0; i < plan.FilterLists.Count; i++)
        {
            var list = plan.FilterLists[i];
            paths[Targets.Of(list)] = PolicyDocument.Paths.FilterList(i);
            for (var j = 0; j < list.Filters.Count; j++)
            {
                // A duplicate filter is reported for its second occurrence: later ones win.
                paths[Targets.Of(list, list.Filters[j])] = PolicyDocument.Paths.Filter(i, j);
            }
        }

        for (var i = 0; i < plan.FilterActions.Count; i++)
        {
            paths[Targets.Of(plan.FilterActions[i])] = PolicyDocument.Paths.FilterAction(i);
        }

        return paths;
    }

    private static string? PathOfSharedPart(StoreDocument after, string target, ImportPlan plan)
    {
        var broken = after.Policies.SelectMany(p => p.Rules.Select(r => (Policy: p, Rule: r)))
            .FirstOrDefault(pr => Targets.Of(pr.Policy, pr.Rule) == target).Rule;
        if (broken is null)
        {
            return null;
        }

        var list = plan.FilterLists.FindIndex(l => StoreDocument.Same(l.Name, broken.FilterList));
        if (list >= 0 && Changes(plan, ImportObjectType.FilterList, broken.FilterList))
        {
            return PolicyDocument.Paths.FilterList(list);
        }

        var action = plan.FilterActions.FindIndex(a => StoreDocument.Same(a.Name, broken.FilterAction));
        return action >= 0 ? PolicyDocument.Paths.FilterAction(action) : null;
    }

    private static ImportPlanItem Item(string source, ImportObjectType type, string name, List<string>? differences, IReadOnlyList<string> alsoUsedBy)
    {
        var change = differences is null ? ImportChange.Create : differences.Count == 0 ? ImportChange.Unchanged : ImportChange.Update;
        return new ImportPlanItem(source, type, name, change, (IReadOnlyList<string>?)differences ?? ImportPlanItem.None, alsoUsedBy);
    }

    private static List<string> Differences(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> imported) =>
        stored.Keys.Union(imported.Keys)
            .Where(key => !stored.TryGetValue(key, out var a) || !imported.TryGetValue(key, out var b) || a != b)
            .ToList();

    /// <summary>The keys of a policy's pre-shared key methods, in order; compared in memory, never shown.</summary>
    private static IEnumerable<string?> KeysOf(Policy policy, IReadOnlyDictionary<Guid, string> storedKeys) =>
        PolicyDocumentReader.AuthMethodsWithPaths(policy)
            .Select(p => p.Method)
            .Where(m => m.Kind == AuthMethodKind.PreSharedKey)
            .Select(m => m.PreSharedKey is { HasValue: true } own ? own.Reveal() : storedKeys.TryGetValue(m.Id, out var key) ? key : null);

    private static IReadOnlyList<string> OtherUsers(IEnumerable<(Policy Policy, Rule Rule)> users, string importedPolicy) =>
        users.Select(u => u.Policy.Name).Where(n => !StoreDocument.Same(n, importedPolicy)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool Changes(ImportPlan plan, ImportObjectType type, string name) =>
        plan.Items.Any(i => i.ObjectType == type && StoreDocument.Same(i.Name, name) && i.Change != ImportChange.Unchanged);

    private static void Replace<T>(List<T> items, T? existing, T replacement)
        where T : class
    {
        var index = existing is null ? -1 : items.IndexOf(existing);
        if (index < 0)
        {
            items.Add(replacement);
        }
        else
        {
            items[index] = replacement;
        }
    }
}
