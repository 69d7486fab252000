namespace IpSecPolicy.Model.Operations;

/// <summary>Why a predefined object is restored.</summary>
public enum RestoreReason
{
    /// <summary>No object of that kind has the name: it is added.</summary>
    Missing,

    /// <summary>The object differs from its predefined form: it is reset.</summary>
    Changed,
}
