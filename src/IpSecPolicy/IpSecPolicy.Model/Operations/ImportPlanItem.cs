using System;
using System.Collections.Generic;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// One line of an import plan (what Import-IpSecPolicy -WhatIf lists): which object, what happens
/// to it, which of its properties differ, and which other policies share it (a shared filter list
/// or action that an import updates changes them too).
/// </summary>
public sealed class ImportPlanItem
{
    public ImportPlanItem(string source, ImportObjectType objectType, string name, ImportChange change,
        IReadOnlyList<string> differences, IReadOnlyList<string> alsoUsedBy)
    {
        Source = source;
        ObjectType = objectType;
        Name = name;
        Change = change;
        Differences = differences;
        AlsoUsedBy = alsoUsedBy;
    }

    /// <summary>The document the object comes from.</summary>
    public string Source { get; }

    public ImportObjectType ObjectType { get; }

    public string Name { get; }

    public ImportChange Change { get; }

    /// <summary>For an Update: the document properties that differ (never their values: one may be a key).</summary>
    public IReadOnlyList<string> Differences { get; }

    /// <summary>For a filter list or action: the other policies whose rules use it.</summary>
    public IReadOnlyList<string> AlsoUsedBy { get; }

    public override string ToString()
    {
        var details = Differences.Count == 0 ? string.Empty : $" ({string.Join(", ", Differences)})";
        var shared = AlsoUsedBy.Count == 0 ? string.Empty : $"; also used by {string.Join(", ", AlsoUsedBy)}";
        return $"{Change} {ObjectType} '{Name}'{details}{shared}";
    }

    internal static IReadOnlyList<string> None { get; } = Array.Empty<string>();
}
