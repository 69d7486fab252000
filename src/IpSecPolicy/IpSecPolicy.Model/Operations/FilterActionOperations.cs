using System;
using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Changes to filter actions (netsh add|set|delete filteraction), applied to a document inside
/// PolicyStore.Update.
/// <para>
/// Security methods, inpass, soft and qmpfs mean something only to a Negotiate action. netsh
/// ignores them on permit and block ("Quick mode security methods are ignored if the action is not
/// 'negotiate'"); here a call that turns one of them on for a Permit or Block action is refused
/// (SettingRequiresNegotiate), because a script that asks for PFS on traffic that passes in the
/// clear has misunderstood something and silence would hide it. Switching a Negotiate action to
/// Permit or Block keeps its settings, unused, so that switching back restores them.
/// </para>
/// </summary>
public static class FilterActionOperations
{
    /// <summary>
    /// Adds an action. A Negotiate action given no security methods offers
    /// <see cref="SecurityMethod.Defaults"/>.
    /// </summary>
    public static FilterAction AddFilterAction(this StoreDocument document, FilterAction action, DateTimeOffset now)
    {
        action.Name = CheckName(action.Name);
        RefuseCollision(document, action.Name, null);
        RefuseIgnoredSettings(action.Name, action.Action, action.SecurityMethods.Count > 0,
            action.AllowUnsecuredInbound, action.FallbackToClear, action.SessionKeyPfs);
        if (action.Action == FilterActionType.Negotiate && action.SecurityMethods.Count == 0)
        {
            action.SecurityMethods = new List<SecurityMethod>(SecurityMethod.Defaults);
        }

        action.LastModified = now;
        document.FilterActions.Add(action);
        return action;
    }

    /// <summary>Applies the given changes to the named action; what the change leaves null stays.</summary>
    public static FilterAction ChangeFilterAction(this StoreDocument document, string name, FilterActionChange change, DateTimeOffset now)
    {
        var action = document.GetFilterAction(name);
        var finalType = change.Action ?? action.Action;
        RefuseIgnoredSettings(action.Name, finalType, change.SecurityMethods is { Count: > 0 },
            change.AllowUnsecuredInbound == true, change.FallbackToClear == true, change.SessionKeyPfs == true);

        if (change.SecurityMethods is { Count: 0 } && finalType == FilterActionType.Negotiate)
        {
            throw new PolicyException(ErrorIds.NegotiateRequiresSecurityMethod, PolicyErrorCategory.InvalidArgument,
                $"Filter action '{action.Name}' negotiates and needs at least one security method.", action.Name);
        }

        if (change.ChangesDescription)
        {
            action.Description = change.Description;
        }

        action.Action = finalType;
        if (change.SecurityMethods is not null)
        {
            action.SecurityMethods = change.SecurityMethods.ToList();
        }

        action.AllowUnsecuredInbound = change.AllowUnsecuredInbound ?? action.AllowUnsecuredInbound;
        action.FallbackToClear = change.FallbackToClear ?? action.FallbackToClear;
        action.SessionKeyPfs = change.SessionKeyPfs ?? action.SessionKeyPfs;

        // A Permit or Block action made Negotiate offers the defaults, as a new one does.
        if (action.Action == FilterActionType.Negotiate && action.SecurityMethods.Count == 0)
        {
            action.SecurityMethods = new List<SecurityMethod>(SecurityMethod.Defaults);
        }

        if (change.NewName is not null)
        {
            document.RenameFilterAction(action, change.NewName);
        }

        action.LastModified = now;
        return action;
    }

    /// <summary>Renames an action and every rule that references it by name.</summary>
    public static void RenameFilterAction(this StoreDocument document, FilterAction action, string newName)
    {
        newName = CheckName(newName);
        RefuseCollision(document, newName, action);
        foreach (var (_, rule) in document.RulesUsingFilterAction(action.Name).ToList())
        {
            rule.FilterAction = newName;
        }

        action.Name = newName;
    }

    /// <summary>Removes an action no rule uses; an action in use is refused with the rules that use it.</summary>
    public static FilterAction RemoveFilterAction(this StoreDocument document, string name)
    {
        var action = document.GetFilterAction(name);
        var users = document.RulesUsingFilterAction(action.Name).Select(u => Targets.Of(u.Policy, u.Rule)).ToList();
        if (users.Count > 0)
        {
            throw new PolicyException(ErrorIds.FilterActionInUse, PolicyErrorCategory.InvalidOperation,
                $"Filter action '{action.Name}' is used by {string.Join(", ", users)}. Remove those rules or give them another filter action first.",
                action.Name);
        }

        document.FilterActions.Remove(action);
        return action;
    }

    private static void RefuseIgnoredSettings(string name, FilterActionType type, bool securityMethods, bool inpass, bool soft, bool pfs)
    {
        if (type == FilterActionType.Negotiate)
        {
            return;
        }

        var given = new List<string>();
        if (securityMethods)
        {
            given.Add(nameof(FilterAction.SecurityMethods));
        }

        if (inpass)
        {
            given.Add(nameof(FilterAction.AllowUnsecuredInbound));
        }

        if (soft)
        {
            given.Add(nameof(FilterAction.FallbackToClear));
        }

        if (pfs)
        {
            given.Add(nameof(FilterAction.SessionKeyPfs));
        }

        if (given.Count > 0)
        {
            throw new PolicyException(ErrorIds.SettingRequiresNegotiate, PolicyErrorCategory.InvalidArgument,
                $"{string.Join(", ", given)} apply only to a Negotiate action; filter action '{name}' is {type}, which would ignore them.",
                name);
        }
    }

    private static string CheckName(string name)
    {
        var checkedName = Names.Check(name, "filter action");
        if (StoreDocument.Same(checkedName, DefaultResponseRule.FilterActionName))
        {
            throw new PolicyException(ErrorIds.InvalidName, PolicyErrorCategory.InvalidArgument,
                $"'{DefaultResponseRule.FilterActionName}' is the default response rule's action; choose another name.", name);
        }

        return checkedName;
    }

    private static void RefuseCollision(StoreDocument document, string name, FilterAction? self)
    {
        var other = document.FindFilterAction(name);
        if (other is not null && !ReferenceEquals(other, self))
        {
            throw new PolicyException(ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists,
                $"A filter action named '{other.Name}' already exists.", name);
        }
    }
}
