using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Validation;

/// <summary>How diagnostics name the object they are about.</summary>
public static class Targets
{
    public static string Of(Policy policy) => $"Policy '{policy.Name}'";

    public static string Of(Policy policy, Rule rule) => $"Policy '{policy.Name}' / Rule '{rule.Name}'";

    public static string Of(FilterList list) => $"FilterList '{list.Name}'";

    public static string Of(FilterList list, Filter filter) => $"FilterList '{list.Name}' / Filter '{filter}'";

    public static string Of(FilterAction action) => $"FilterAction '{action.Name}'";
}
