using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// The rule every policy has and nobody deletes (filter list "&lt;Dynamic&gt;", action "Default
/// Response"): it answers peers that ask for security although no rule of ours asks for it.
/// </summary>
public sealed class DefaultResponseRule
{
    public const string FilterListName = "<Dynamic>";
    public const string FilterActionName = "Default Response";

    /// <summary>The policy this rule belongs to; filled when read, not stored.</summary>
    [JsonIgnore]
    public string? Policy { get; set; }

    public bool Active { get; set; } = true;

    public List<SecurityMethod> SecurityMethods { get; set; } = new(SecurityMethod.Defaults);

    public List<AuthMethod> AuthMethods { get; set; } = new() { AuthMethod.ForKerberos() };

    public bool SessionKeyPfs { get; set; }

    public DefaultResponseRule Clone()
    {
        var copy = (DefaultResponseRule)MemberwiseClone();
        copy.SecurityMethods = new List<SecurityMethod>(SecurityMethods);
        copy.AuthMethods = AuthMethods.Select(a => a.Clone()).ToList();
        return copy;
    }
}
