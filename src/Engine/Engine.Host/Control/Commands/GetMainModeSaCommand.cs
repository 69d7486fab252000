using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Ipsec;
using IpSecPolicy.Control;

namespace Engine.Host.Control.Commands;

/// <summary>GetMainModeSa: the ISAKMP SAs (MainModeSa[]), without keys. No arguments; Get-IpSecMainModeSA filters.</summary>
internal sealed class GetMainModeSaCommand : IControlCommand
{
    private readonly IIpsecMonitor monitor;
    private readonly TimeProvider time;

    public GetMainModeSaCommand(IIpsecMonitor monitor, TimeProvider time)
    {
        this.monitor = monitor;
        this.time = time;
    }

    public string Name => ControlCommands.GetMainModeSa;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.FromResult<object?>(monitor.GetMainModeSas().Select(sa => MonitorReports.MainMode(sa, now)).ToList());
    }
}
