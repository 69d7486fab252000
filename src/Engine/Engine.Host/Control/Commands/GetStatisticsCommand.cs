using System;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Ipsec;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Control.Commands;

/// <summary>GetStatistics: the IP Security Monitor's main mode and quick mode statistics (IpSecStatistics). No arguments.</summary>
internal sealed class GetStatisticsCommand : IControlCommand
{
    private readonly IIpsecMonitor monitor;
    private readonly TimeProvider time;

    public GetStatisticsCommand(IIpsecMonitor monitor, TimeProvider time)
    {
        this.monitor = monitor;
        this.time = time;
    }

    public string Name => ControlCommands.GetStatistics;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var ike = monitor.GetIkeStatistics();
        return Task.FromResult<object?>(new IpSecStatistics
        {
            Active = monitor.IsActive,
            Time = time.GetUtcNow(),
            MainMode = MonitorReports.MainModeStatistics(ike),
            QuickMode = MonitorReports.QuickModeStatistics(monitor.GetDataPlaneStatistics(), ike),
        });
    }
}
