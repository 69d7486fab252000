using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>An IPsec policy (netsh add policy): main mode settings, rules and the default response rule.</summary>
public sealed class Policy
{
    public const int DefaultMainModeLifetimeMinutes = 480;
    public const int DefaultPollingIntervalMinutes = 180;

    public string Name { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    /// <summary>Main mode methods in preference order (netsh mmsecmethods).</summary>
    public List<MainModeMethod> MainModeSecurityMethods { get; set; } = new(MainModeMethod.Defaults);

    public int MainModeLifetimeMinutes { get; set; } = DefaultMainModeLifetimeMinutes;

    /// <summary>Quick modes per main mode (netsh qmpermm); 0 = unlimited.</summary>
    public int MainModeQuickModeLimit { get; set; }

    /// <summary>Master key PFS (netsh mmpfs): a new main mode for every quick mode.</summary>
    public bool MainModePfs { get; set; }

    public int PollingIntervalMinutes { get; set; } = DefaultPollingIntervalMinutes;

    public List<Rule> Rules { get; set; } = new();

    public DefaultResponseRule DefaultResponseRule { get; set; } = new();

    public DateTimeOffset LastModified { get; set; }

    /// <summary>True for the one policy assigned to this host; filled when read, not stored.</summary>
    [JsonIgnore]
    public bool Assigned { get; set; }

    /// <summary>netsh activatedefaultrule: the same switch as the default response rule's Active.</summary>
    [JsonIgnore]
    public bool ActivateDefaultResponseRule
    {
        get => DefaultResponseRule.Active;
        set => DefaultResponseRule.Active = value;
    }

    /// <summary>Master key PFS allows one quick mode per main mode, as on Windows.</summary>
    [JsonIgnore]
    public int EffectiveQuickModeLimit => MainModePfs ? 1 : MainModeQuickModeLimit;

    [JsonIgnore]
    public int RuleCount => Rules.Count;

    public Policy Clone()
    {
        var copy = (Policy)MemberwiseClone();
        copy.MainModeSecurityMethods = new List<MainModeMethod>(MainModeSecurityMethods);
        copy.Rules = Rules.Select(r => r.Clone()).ToList();
        copy.DefaultResponseRule = DefaultResponseRule.Clone();
        return copy;
    }

    public override string ToString() => Name;
}
