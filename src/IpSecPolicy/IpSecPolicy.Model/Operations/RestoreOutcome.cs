using System.Collections.Generic;

namespace IpSecPolicy.Model.Operations;

/// <summary>What RestorePredefinedObjects did: the objects it added or reset, and an assignment it had to clear.</summary>
public sealed class RestoreOutcome
{
    public RestoreOutcome(IReadOnlyList<object> restored, string? clearedAssignment)
    {
        Restored = restored;
        ClearedAssignment = clearedAssignment;
    }

    /// <summary>The restored FilterList, FilterAction and Policy objects, in that order.</summary>
    public IReadOnlyList<object> Restored { get; }

    /// <summary>The name the assignment pointed at when no such policy existed even after the restore; else null.</summary>
    public string? ClearedAssignment { get; }
}
