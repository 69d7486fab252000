using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Lifecycle;
using IpSecPolicy.Control;

namespace Engine.Host.Control.Commands;

/// <summary>GetEngine: the engine's state (EngineStatus). No arguments.</summary>
internal sealed class GetEngineCommand : IControlCommand
{
    private readonly EngineStatusReporter reporter;

    public GetEngineCommand(EngineStatusReporter reporter)
    {
        this.reporter = reporter;
    }

    public string Name => ControlCommands.GetEngine;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken) => Task.FromResult<object?>(reporter.Report());
}
