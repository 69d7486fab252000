namespace IpSecPolicy.Control.Results;

/// <summary>The argument of RemoveMainModeSa and RemoveQuickModeSa: the SA's id as Get returns it.</summary>
public sealed class SaReference
{
    /// <summary>A main mode SA's cookie pair ("0123456789abcdef/fedcba9876543210"), or a quick mode's number in decimal.</summary>
    public string? Id { get; set; }
}
