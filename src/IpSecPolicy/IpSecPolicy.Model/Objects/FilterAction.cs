using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>A named, shared filter action (netsh add filteraction).</summary>
public sealed class FilterAction
{
    public string Name { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    public FilterActionType Action { get; set; } = FilterActionType.Negotiate;

    /// <summary>Quick mode methods in preference order (Negotiate only).</summary>
    public List<SecurityMethod> SecurityMethods { get; set; } = new();

    /// <summary>netsh inpass: accept an unsecured first packet, but always respond secured.</summary>
    public bool AllowUnsecuredInbound { get; set; }

    /// <summary>netsh soft: talk in the clear to a peer that does not answer IKE.</summary>
    public bool FallbackToClear { get; set; }

    /// <summary>netsh qmpfs: a fresh Diffie-Hellman exchange for every quick mode.</summary>
    public bool SessionKeyPfs { get; set; }

    public DateTimeOffset LastModified { get; set; }

    public FilterAction Clone()
    {
        var copy = (FilterAction)MemberwiseClone();
        copy.SecurityMethods = new List<SecurityMethod>(SecurityMethods);
        return copy;
    }

    public override string ToString() => Name;
}
