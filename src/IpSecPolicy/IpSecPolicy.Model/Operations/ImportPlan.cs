using System.Collections.Generic;
using System.Linq;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// What importing one policy document does to a store: an item per object, and the objects,
/// ready to apply (keys resolved, auth method ids made unique), that ApplyImport writes.
/// </summary>
public sealed class ImportPlan
{
    internal ImportPlan(string source, Policy policy, List<FilterList> filterLists, List<FilterAction> filterActions, List<ImportPlanItem> items)
    {
        Source = source;
        Policy = policy;
        FilterLists = filterLists;
        FilterActions = filterActions;
        Items = items;
    }

    public string Source { get; }

    /// <summary>The policy's name as the document spells it.</summary>
    public string PolicyName => Policy.Name;

    /// <summary>Filter lists first, then filter actions, then the policy: the order they are applied in.</summary>
    public IReadOnlyList<ImportPlanItem> Items { get; }

    /// <summary>True when the store already holds everything exactly as the document says.</summary>
    public bool ChangesNothing => Items.All(i => i.Change == ImportChange.Unchanged);

    internal Policy Policy { get; }

    internal List<FilterList> FilterLists { get; }

    internal List<FilterAction> FilterActions { get; }
}
