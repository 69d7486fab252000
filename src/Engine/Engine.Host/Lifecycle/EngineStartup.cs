using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Control;
using Engine.Host.Logging;
using Engine.Host.Options;
using Engine.Host.Policies;
using IpSecPolicy.Model.Errors;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Lifecycle;

/// <summary>
/// What must succeed before the engine answers anyone, in this order: own the control socket (so a
/// second engine in the namespace refuses before it touches the first one's state), open the audit
/// trail, read and compile the policy. Each failure is an <see cref="EngineStartException"/> with
/// the exit code that names it. Runs before the host starts, so systemd hears READY=1 only after.
/// </summary>
public sealed class EngineStartup
{
    private readonly EngineOptions options;
    private readonly EngineRuntime runtime;
    private readonly ControlSocketClaim socket;
    private readonly AuditTrail audit;
    private readonly PolicyAgent agent;
    private readonly ILogger<EngineStartup> logger;

    public EngineStartup(EngineOptions options, EngineRuntime runtime, ControlSocketClaim socket, AuditTrail audit, PolicyAgent agent,
        ILogger<EngineStartup> logger)
    {
        this.options = options;
        this.runtime = runtime;
        this.socket = socket;
        this.audit = audit;
        this.agent = agent;
        this.logger = logger;
    }

    /// <exception cref="EngineStartException">The engine cannot start; its ExitCode says why.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.Starting(EngineRuntime.Version, options.InterfaceAlias, runtime.ProcessId, runtime.NetworkNamespace,
            options.StorePath, options.ControlSocket, options.StateDirectory);
        socket.Claim();
        audit.Open();
        try
        {
            await agent.StartAsync(cancellationToken);
        }
        catch (PolicyException e) when (e.ErrorId == ErrorIds.InterfaceNotFound)
        {
            throw new EngineStartException(EngineExitCode.InterfaceNotFound, e.Message, e);
        }
        catch (PolicyException e)
        {
            throw new EngineStartException(EngineExitCode.StoreUnreadable, $"The policy store '{options.StorePath}' cannot be used ({e.ErrorId}): {e.Message}", e);
        }
    }
}
