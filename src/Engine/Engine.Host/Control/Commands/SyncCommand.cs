using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Lifecycle;
using Engine.Host.Policies;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Control.Commands;

/// <summary>Sync: re-read the store and apply what changed (PolicySyncResult). No arguments.</summary>
internal sealed class SyncCommand : IControlCommand
{
    private readonly PolicyAgent agent;
    private readonly EngineRuntime runtime;

    public SyncCommand(PolicyAgent agent, EngineRuntime runtime)
    {
        this.agent = agent;
        this.runtime = runtime;
    }

    public string Name => ControlCommands.Sync;

    public async Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        if (runtime.State != EngineState.Running)
        {
            // Applying a policy while the enforcers withdraw would undo the withdrawal.
            throw new ControlCommandException(ControlErrorIds.EngineStopping, "ResourceUnavailable",
                "The engine is stopping; the next engine reads the store when it starts.");
        }

        return await agent.SyncAsync(SyncTrigger.Sync, cancellationToken);
    }
}
