using System;
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
/// RemoveMainModeSa: deletes one ISAKMP SA, sending DELETE to the peer; its quick mode SAs stay,
/// as IKEv1 lets them. Argument: id (the cookie pair). Result: the SA as it was (MainModeSa).
/// </summary>
internal sealed class RemoveMainModeSaCommand : IControlCommand
{
    private readonly IIpsecMonitor monitor;
    private readonly TimeProvider time;
    private readonly ILogger<RemoveMainModeSaCommand> logger;

    public RemoveMainModeSaCommand(IIpsecMonitor monitor, TimeProvider time, ILogger<RemoveMainModeSaCommand> logger)
    {
        this.monitor = monitor;
        this.time = time;
        this.logger = logger;
    }

    public string Name => ControlCommands.RemoveMainModeSa;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var id = call.Arguments<SaReference>().Id?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(id))
        {
            throw new ControlCommandException(ControlErrorIds.InvalidArgument, "InvalidArgument", "RemoveMainModeSa needs the id of a main mode SA (its cookie pair, as Get-IpSecMainModeSA shows it).");
        }

        var sa = monitor.GetMainModeSas().FirstOrDefault(candidate => string.Equals(candidate.Id, id, StringComparison.OrdinalIgnoreCase));
        if (sa is null || !monitor.DeleteMainModeSa(sa.Id))
        {
            throw NotFound(id);
        }

        logger.MainModeSaRemoved(sa.Id, sa.Remote.ToString());
        return Task.FromResult<object?>(MonitorReports.MainMode(sa, time.GetUtcNow()));
    }

    private static PolicyException NotFound(string id) =>
        new(ErrorIds.MainModeSaNotFound, PolicyErrorCategory.ObjectNotFound, $"There is no main mode SA with id '{id}'.", id);
}
