using System.Collections.Generic;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// What a Set-IpSecFilterAction call changes (netsh set filteraction): each property left null
/// keeps the stored value. The description is tracked apart because setting it to null (clearing
/// it) is a change too.
/// </summary>
public sealed class FilterActionChange
{
    private string? description;

    public string? NewName { get; set; }

    public FilterActionType? Action { get; set; }

    /// <summary>The new methods in preference order; they replace the stored list.</summary>
    public IReadOnlyList<SecurityMethod>? SecurityMethods { get; set; }

    public bool? AllowUnsecuredInbound { get; set; }

    public bool? FallbackToClear { get; set; }

    public bool? SessionKeyPfs { get; set; }

    public string? Description
    {
        get => description;
        set
        {
            description = value;
            ChangesDescription = true;
        }
    }

    public bool ChangesDescription { get; private set; }
}
