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

    /// <summary>"filter list 'All IP Traffic' (missing)", for ShouldProcess and verbose messages.</summary>
    public string Description
    {
        get
        {
            var kind = Kind switch
            {
                PredefinedObjectKind.FilterList => "filter list",
                PredefinedObjectKind.FilterAction => "filter action",
                _ => "policy",
            };
            var why = Reason == RestoreReason.Missing ? "missing" : "changed";
            return $"{kind} '{Name}' ({why})";
        }
    }

    public override string ToString() => Description;
}
