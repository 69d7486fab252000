using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Ipsec;
using IpSecPolicy.Control;

namespace Engine.Host.Control.Commands;

/// <summary>GetQuickModeSa: the quick modes' SAs with their counters (QuickModeSa[]), without keys. No arguments.</summary>
internal sealed class GetQuickModeSaCommand : IControlCommand
{
    private readonly IIpsecMonitor monitor;
    private readonly TimeProvider time;

    public GetQuickModeSaCommand(IIpsecMonitor monitor, TimeProvider time)
    {
        this.monitor = monitor;
        this.time = time;
    }

    public string Name => ControlCommands.GetQuickModeSa;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult<object?>(monitor.GetQuickModeSas().Select(sa => MonitorReports.QuickMode(sa, now)).ToList());
    }
}
