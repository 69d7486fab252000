namespace IpSecPolicy.Model.Operations;

/// <summary>One predefined object that differs from a new store's: what Restore-IpSecDefaultPolicy -WhatIf lists.</summary>
public sealed class PredefinedObjectRestore
{
    public PredefinedObjectRestore(PredefinedObjectKind kind, string name, RestoreReason reason)
    {
        Kind = kind;
        Name = name;
        Reason = reason;
    }

    public PredefinedObjectKind Kind { get; }

    public string Name { get; }

    public RestoreReason Reason { get; }

    /// <summary>"filter list", "filter action" or "policy".</summary>
    public string KindText => KindTextOf(Kind);

    /// <summary>"missing" or "changed".</summary>
    public string ReasonText => Reason == RestoreReason.Missing ? "missing" : "changed";

    /// <summary>"filter list 'All IP Traffic' (missing)", for messages.</summary>
    public string Description => $"{KindText} '{Name}' ({ReasonText})";

    public static string KindTextOf(PredefinedObjectKind kind) => kind switch
    {
        PredefinedObjectKind.FilterList => "filter list",
        PredefinedObjectKind.FilterAction => "filter action",
        _ => "policy",
    };

    public override string ToString() => Description;
}
