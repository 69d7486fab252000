using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Serialization;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// A rule of a policy: one filter list, one filter action, authentication methods in preference
/// order, and a tunnel endpoint (none means transport mode). Lists and actions are referenced by
/// name, which renames keep in step.
/// </summary>
public sealed class Rule
{
    /// <summary>The policy this rule belongs to; filled when read, not stored.</summary>
    [JsonIgnore]
    public string? Policy { get; set; }

    public string Name { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    public string FilterList { get; set; } = string.Empty;

    public string FilterAction { get; set; } = string.Empty;

    public List<AuthMethod> AuthMethods { get; set; } = new();

    /// <summary>The remote tunnel endpoint; null for transport mode.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IPAddress? TunnelEndpoint { get; set; }

    public ConnectionType ConnectionType { get; set; } = ConnectionType.All;

    public bool Active { get; set; } = true;

    [JsonIgnore]
    public bool IsTunnel => TunnelEndpoint is not null;

    public Rule Clone()
    {
        var copy = (Rule)MemberwiseClone();
        copy.AuthMethods = AuthMethods.Select(a => a.Clone()).ToList();
        return copy;
    }

    public override string ToString() => Name;
}
