using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Lifecycle;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Hosting;

namespace Engine.Host.Control.Commands;

/// <summary>
/// Stop: answers with the engine's state (State Stopping), then shuts the engine down as SIGTERM
/// does. Stopping an engine that is already stopping answers the same.
/// </summary>
internal sealed class StopCommand : IControlCommand
{
    private readonly EngineStatusReporter reporter;
    private readonly EngineRuntime runtime;
    private readonly IHostApplicationLifetime lifetime;

    public StopCommand(EngineStatusReporter reporter, EngineRuntime runtime, IHostApplicationLifetime lifetime)
    {
        this.reporter = reporter;
        this.runtime = runtime;
        this.lifetime = lifetime;
    }

    public string Name => ControlCommands.Stop;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        runtime.State = EngineState.Stopping;
        call.AfterReply(lifetime.StopApplication);
        return Task.FromResult<object?>(reporter.Report());
    }
}
