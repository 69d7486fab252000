using System.Collections.Generic;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// One policy as policy-as-code: the policy (its rules, default response rule and settings) and
/// the filter lists and filter actions its rules use, read from or written to one self-contained
/// JSON document (docs/policy-format.md; module/IpSecPolicy.policy.schema.json). Pre-shared key
/// methods carry their key only when the document did (an export with -IncludeSecret).
/// </summary>
public sealed class PolicyDocument
{
    public const int CurrentFormatVersion = 1;

    internal PolicyDocument(string source, Policy policy, List<FilterList> filterLists, List<FilterAction> filterActions, DocumentScope scope)
    {
        Source = source;
        Policy = policy;
        FilterLists = filterLists;
        FilterActions = filterActions;
        Scope = scope;
    }

    /// <summary>Where the document came from, for messages.</summary>
    public string Source { get; }

    public Policy Policy { get; }

    public IReadOnlyList<FilterList> FilterLists { get; }

    public IReadOnlyList<FilterAction> FilterActions { get; }

    /// <summary>Turns problems found after reading (a missing key, a validation error) into errors with path and line.</summary>
    internal DocumentScope Scope { get; }

    /// <summary>JSON paths of the document's parts, the way the reader walked them.</summary>
    internal static class Paths
    {
        public const string Policy = "$.policy";
        public const string DefaultResponseRule = "$.policy.defaultResponseRule";

        public static string Rule(int index) => $"$.policy.rules[{index}]";

        public static string FilterList(int index) => $"$.filterLists[{index}]";

        public static string Filter(int list, int index) => $"$.filterLists[{list}].filters[{index}]";

        public static string FilterAction(int index) => $"$.filterActions[{index}]";

        public static string AuthMethod(string owner, int index) => $"{owner}.authMethods[{index}]";
    }
}
