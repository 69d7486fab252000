using System;
using System.Collections.Generic;

namespace IpSecPolicy.Control.Results;

/// <summary>The result of Sync: what re-reading the store changed in the engine.</summary>
public sealed class PolicySyncResult
{
    /// <summary>False when the store held what the engine already enforced.</summary>
    public bool Changed { get; set; }

    /// <summary>The assigned policy before the sync; null when none was.</summary>
    public string? PreviousPolicy { get; set; }

    /// <summary>The assigned policy now; null when none is.</summary>
    public string? Policy { get; set; }

    public DateTimeOffset? PolicyLastModified { get; set; }

    public int PreviousFilterCount { get; set; }

    public int FilterCount { get; set; }

    /// <summary>Effective filters that are new (by their fields, action and rule).</summary>
    public int FiltersAdded { get; set; }

    /// <summary>Effective filters that are gone.</summary>
    public int FiltersRemoved { get; set; }

    /// <summary>Each change in words, e.g. "Assigned policy: 'A' -> 'B'."; empty when nothing changed.</summary>
    public List<string> Changes { get; set; } = new();

    /// <summary>The compiler's warnings for the policy now in force.</summary>
    public List<string> Warnings { get; set; } = new();

    /// <summary>The store the engine read (compare with the session's store).</summary>
    public string StorePath { get; set; } = string.Empty;

    public DateTimeOffset Time { get; set; }
}
