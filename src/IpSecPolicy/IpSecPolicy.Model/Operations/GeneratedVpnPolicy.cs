using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Writes and removes the store objects a VPN gateway or connection generates: a filter list, a
/// Negotiate filter action and an unassigned policy with one pre-shared-key rule, all named for it,
/// which the engine adds to the assigned policy (<see cref="Compiler.EnforcedPolicy"/>). Written
/// whole on every Start/Set/Connect: hand edits of them do not survive the next one.
/// </summary>
internal static class GeneratedVpnPolicy
{
    public sealed class Names
    {
        public string Policy { get; set; } = string.Empty;

        public string Rule { get; set; } = string.Empty;

        public string FilterList { get; set; } = string.Empty;

        public string FilterAction { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;
    }

    /// <summary>
    /// Replaces the generated objects. <paramref name="preSharedKey"/> null (or a stored marker)
    /// keeps the key the rule already has; PreSharedKeyRequired when there is none yet, and
    /// EmptyPreSharedKey for an empty or blank key, as New-IpSecAuthMethod refuses one.
    /// </summary>
    public static void Write(StoreDocument document, Names names, Filter filter, IReadOnlyList<MainModeMethod> mainMode,
        IReadOnlyList<SecurityMethod> quickMode, Secret? preSharedKey, DateTimeOffset now)
    {
        var kept = document.FindPolicy(names.Policy)?.Rules.SelectMany(r => r.AuthMethods).FirstOrDefault(m => m.Kind == AuthMethodKind.PreSharedKey);
        AuthMethod key;
        if (preSharedKey is { HasValue: true })
        {
            key = AuthMethod.ForPreSharedKey(preSharedKey.Reveal());
        }
        else
        {
            key = kept ?? throw new PolicyException(ErrorIds.PreSharedKeyRequired, PolicyErrorCategory.InvalidArgument,
                $"'{names.Policy}' has no pre-shared key yet: give -PreSharedKey.", "PreSharedKey");
        }

        filter.Description = names.Description;
        Replace(document.FilterLists, names.FilterList, new FilterList
        {
            Name = names.FilterList,
            Description = names.Description,
            Filters = new List<Filter> { filter },
            LastModified = now,
        }, l => l.Name);
        Replace(document.FilterActions, names.FilterAction, new FilterAction
        {
            Name = names.FilterAction,
            Description = names.Description + " Cleartext L2TP is refused: no inbound in the clear, no fallback to clear.",
            Action = FilterActionType.Negotiate,
            SecurityMethods = quickMode.ToList(),
            LastModified = now,
        }, a => a.Name);
        Replace(document.Policies, names.Policy, new Policy
        {
            Name = names.Policy,
            Description = names.Description + " Generated; the engine adds its rule to the assigned policy.",
            MainModeSecurityMethods = mainMode.ToList(),
            DefaultResponseRule = new DefaultResponseRule { Active = false },
            Rules = new List<Rule>
            {
                new()
                {
                    Name = names.Rule,
                    Description = names.Description,
                    FilterList = names.FilterList,
                    FilterAction = names.FilterAction,
                    AuthMethods = new List<AuthMethod> { key },
                },
            },
            LastModified = now,
        }, p => p.Name);
    }

    /// <summary>Removes the generated objects (and the assignment, if someone assigned the generated policy).</summary>
    public static void Remove(StoreDocument document, Names names)
    {
        if (StoreDocument.Same(document.AssignedPolicy, names.Policy))
        {
            document.AssignedPolicy = null;
        }

        document.Policies.RemoveAll(p => StoreDocument.Same(p.Name, names.Policy));
        if (!document.RulesUsingFilterList(names.FilterList).Any())
        {
            document.FilterLists.RemoveAll(l => StoreDocument.Same(l.Name, names.FilterList));
        }

        if (!document.RulesUsingFilterAction(names.FilterAction).Any())
        {
            document.FilterActions.RemoveAll(a => StoreDocument.Same(a.Name, names.FilterAction));
        }
    }

    private static void Replace<T>(List<T> items, string name, T replacement, Func<T, string> nameOf)
    {
        var index = items.FindIndex(item => StoreDocument.Same(nameOf(item), name));
        if (index >= 0)
        {
            items[index] = replacement;
        }
        else
        {
            items.Add(replacement);
        }
    }
}
