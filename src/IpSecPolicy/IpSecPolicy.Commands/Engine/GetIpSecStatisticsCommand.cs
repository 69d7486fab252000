using System;
using System.Linq;
using System.Management.Automation;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// The IP Security Monitor's statistics (<c>netsh ipsec dynamic show stats</c>): the main mode
/// (IKE) counters and the quick mode (IPsec) counters, under Windows' names, one object each.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IpSecStatistics")]
[OutputType(typeof(MainModeStatistics), typeof(QuickModeStatistics))]
public sealed class GetIpSecStatisticsCommand : EngineCmdlet
{
    /// <summary>MainMode, QuickMode or both (the default).</summary>
    [Parameter(Position = 0)]
    [ValidateSet("MainMode", "QuickMode", IgnoreCase = true)]
    public string[] Mode { get; set; } = { "MainMode", "QuickMode" };

    protected override void ProcessRecord()
    {
        var client = Control;
        IpSecStatistics? statistics;
        try
        {
            statistics = client.Call<IpSecStatistics>(ControlCommands.GetStatistics);
        }
        catch (ControlException error)
        {
            WriteControlError(error, client.SocketPath);
            return;
        }

        if (statistics is null)
        {
            return;
        }

        if (!statistics.Active)
        {
            WriteVerbose("The engine runs no IKE yet (no policy has been applied): every counter is zero.");
        }

        if (Mode.Contains("MainMode", StringComparer.OrdinalIgnoreCase))
        {
            WriteObject(statistics.MainMode);
        }

        if (Mode.Contains("QuickMode", StringComparer.OrdinalIgnoreCase))
        {
            WriteObject(statistics.QuickMode);
        }
    }
}
