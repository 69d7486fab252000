using System;

namespace IpSecPolicy.Control.Results;

/// <summary>The result of GetStatistics: both groups of the IP Security Monitor's statistics at one moment.</summary>
public sealed class IpSecStatistics
{
    /// <summary>False while no IKE engine runs (no policy applied yet): the counters are then zero.</summary>
    public bool Active { get; set; }

    public DateTimeOffset Time { get; set; }

    public MainModeStatistics MainMode { get; set; } = new();

    public QuickModeStatistics QuickMode { get; set; } = new();
}
