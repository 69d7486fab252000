using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Ipsec;
using Engine.Host.Logging;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Errors;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Control.Commands;

/// <summary>
/// RemoveQuickModeSa: deletes one quick mode's SAs in both directions and sends DELETE to the peer.
/// Argument: id (the quick mode's number). Result: the SA as it was (QuickModeSa).
/// </summary>
internal sealed class RemoveQuickModeSaCommand : IControlCommand
{
    private readonly IIpsecMonitor monitor;
    private readonly TimeProvider time;
    private readonly ILogger<RemoveQuickModeSaCommand> logger;

    public RemoveQuickModeSaCommand(IIpsecMonitor monitor, TimeProvider time, ILogger<RemoveQuickModeSaCommand> logger)
    {
        this.monitor = monitor;
        this.time = time;
        this.logger = logger;
    }

    public string Name => ControlCommands.RemoveQuickModeSa;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var text = call.Arguments<SaReference>().Id?.Trim();
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ControlCommandException(ControlErrorIds.InvalidArgument, "InvalidArgument",
                $"RemoveQuickModeSa needs the number of a quick mode SA, as Get-IpSecQuickModeSA shows it; '{text}' is not one.");
        }

        // Taken before the deletion: afterwards the SA and its counters are gone.
        var sa = monitor.GetQuickModeSas().FirstOrDefault(candidate => candidate.Id == id);
        if (sa is null || !monitor.DeleteQuickModeSa(id))
        {
            throw new PolicyException(ErrorIds.QuickModeSaNotFound, PolicyErrorCategory.ObjectNotFound,
                $"There is no quick mode SA with id {id}.", id.ToString(CultureInfo.InvariantCulture));
        }

        logger.QuickModeSaRemoved(sa.Id, sa.Policy, sa.Remote.Address.ToString());
        return Task.FromResult<object?>(MonitorReports.QuickMode(sa, time.GetUtcNow()));
    }
}
