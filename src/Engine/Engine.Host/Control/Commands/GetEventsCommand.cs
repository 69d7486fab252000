using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Audit;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Control.Commands;

/// <summary>GetEvents: audit events, newest first (AuditEvent[]); arguments as EventQuery.</summary>
internal sealed class GetEventsCommand : IControlCommand
{
    private readonly AuditTrail trail;

    public GetEventsCommand(AuditTrail trail)
    {
        this.trail = trail;
    }

    public string Name => ControlCommands.GetEvents;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var query = call.Arguments<EventQuery>();
        if (query.Newest is < 1)
        {
            throw new ControlCommandException(ControlErrorIds.InvalidArgument, "InvalidArgument", $"newest must be at least 1; {query.Newest} is not.");
        }

        if (query.After is { } after && query.Before is { } before && after >= before)
        {
            throw new ControlCommandException(ControlErrorIds.InvalidArgument, "InvalidArgument",
                $"after ({after:o}) must be earlier than before ({before:o}).");
        }

        return Task.FromResult<object?>(trail.Query(query));
    }
}
