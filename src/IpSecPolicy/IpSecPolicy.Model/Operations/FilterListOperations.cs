using System;
using System.Linq;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Validation;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Changes to filter lists (netsh add|set|delete filterlist), applied to a document inside
/// PolicyStore.Update. Lists are shared between rules and policies and referenced by name, so a
/// rename follows every reference and a list still in use cannot go.
/// </summary>
public static class FilterListOperations
{
    /// <summary>Adds a new, empty or pre-filled list; its filters are checked like added ones.</summary>
    public static FilterList AddFilterList(this StoreDocument document, FilterList list, DateTimeOffset now)
    {
        list.Name = CheckName(list.Name);
        RefuseCollision(document, list.Name, null);
        foreach (var filter in list.Filters)
        {
            FilterOperations.CheckFilter(filter);
            filter.FilterList = list.Name;
        }

        list.LastModified = now;
        document.FilterLists.Add(list);
        return list;
    }

    /// <summary>Renames a list and every rule that references it by name.</summary>
    public static void RenameFilterList(this StoreDocument document, FilterList list, string newName)
    {
        newName = CheckName(newName);
        RefuseCollision(document, newName, list);
        foreach (var (_, rule) in document.RulesUsingFilterList(list.Name).ToList())
        {
            rule.FilterList = newName;
        }

        list.Name = newName;
        foreach (var filter in list.Filters)
        {
            filter.FilterList = newName;
        }
    }

    /// <summary>Removes a list no rule uses; a list in use is refused with the rules that use it.</summary>
    public static FilterList RemoveFilterList(this StoreDocument document, string name)
    {
        var list = document.GetFilterList(name);
        var users = document.RulesUsingFilterList(list.Name).Select(u => Targets.Of(u.Policy, u.Rule)).ToList();
        if (users.Count > 0)
        {
            throw new PolicyException(ErrorIds.FilterListInUse, PolicyErrorCategory.InvalidOperation,
                $"Filter list '{list.Name}' is used by {string.Join(", ", users)}. Remove those rules or give them another filter list first.",
                list.Name);
        }

        document.FilterLists.Remove(list);
        return list;
    }

    private static string CheckName(string name)
    {
        var checkedName = Names.Check(name, "filter list");
        if (StoreDocument.Same(checkedName, DefaultResponseRule.FilterListName))
        {
            throw new PolicyException(ErrorIds.InvalidName, PolicyErrorCategory.InvalidArgument,
                $"'{DefaultResponseRule.FilterListName}' is the default response rule's filter list; choose another name.", name);
        }

        return checkedName;
    }

    private static void RefuseCollision(StoreDocument document, string name, FilterList? self)
    {
        var other = document.FindFilterList(name);
        if (other is not null && !ReferenceEquals(other, self))
        {
            throw new PolicyException(ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists,
                $"A filter list named '{other.Name}' already exists.", name);
        }
    }
}
