namespace IpSecPolicy.Model.Operations;

/// <summary>The kinds of object a new store is given (and Restore-IpSecDefaultPolicy brings back).</summary>
public enum PredefinedObjectKind
{
    FilterList,
    FilterAction,
    Policy,
}
