using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Logging;
using Engine.Host.Options;
using Engine.Host.Policies;
using IpSecPolicy.Control.Results;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Lifecycle;

/// <summary>
/// Marks the engine started (audit 5478) once the control socket answers, and on a clean stop sets
/// the state to Stopping, withdraws the enforcers (SAs deleted, peers told) and records 5479.
/// </summary>
internal sealed class EngineLifecycleService : IHostedService
{
    private readonly EngineRuntime runtime;
    private readonly EngineOptions options;
    private readonly PolicyAgent agent;
    private readonly IAuditSink audit;
    private readonly IHostApplicationLifetime lifetime;
    private readonly TimeProvider time;
    private readonly ILogger<EngineLifecycleService> logger;

    public EngineLifecycleService(EngineRuntime runtime, EngineOptions options, PolicyAgent agent, IAuditSink audit,
        IHostApplicationLifetime lifetime, TimeProvider time, ILogger<EngineLifecycleService> logger)
    {
        this.runtime = runtime;
        this.options = options;
        this.agent = agent;
        this.audit = audit;
        this.lifetime = lifetime;
        this.time = time;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            runtime.State = EngineState.Stopping;
            logger.Stopping();
        });

        var policy = agent.Current;
        if (agent.Enforcers.Count == 0)
        {
            logger.NoEnforcers();
        }

        audit.Write(new AuditRecord(AuditEventIds.EngineStarted, AuditOutcome.Success,
            $"The IPsec engine started on {options.InterfaceAlias} (process {runtime.ProcessId}) with policy {Name(policy)}.",
            new Dictionary<string, string>
            {
                ["Interface"] = options.InterfaceAlias,
                ["ProcessId"] = runtime.ProcessId.ToString(CultureInfo.InvariantCulture),
                ["NetworkNamespace"] = runtime.NetworkNamespace,
                ["Policy"] = policy.Policy?.Name ?? "(none)",
                ["Version"] = EngineRuntime.Version,
                ["Enforcers"] = string.Join(", ", agent.Enforcers.Select(e => e.Name)),
            }));
        logger.Ready(Name(policy), policy.FilterCount, options.ControlSocket);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        runtime.State = EngineState.Stopping;
        foreach (var enforcer in agent.Enforcers.Reverse())
        {
            try
            {
                await enforcer.WithdrawAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.WithdrawFailed(enforcer.Name, e);
            }
        }

        var uptime = time.GetUtcNow() - runtime.StartTime;
        audit.Write(new AuditRecord(AuditEventIds.EngineStopped, AuditOutcome.Success,
            $"The IPsec engine on {options.InterfaceAlias} (process {runtime.ProcessId}) stopped after {uptime:d\\.hh\\:mm\\:ss}.",
            new Dictionary<string, string>
            {
                ["Interface"] = options.InterfaceAlias,
                ["ProcessId"] = runtime.ProcessId.ToString(CultureInfo.InvariantCulture),
                ["Uptime"] = uptime.ToString("c", CultureInfo.InvariantCulture),
            }));
        logger.Stopped(uptime);
    }

    private static string Name(PolicySnapshot policy) => policy.Policy is { } p ? $"'{p.Name}'" : "(none assigned)";
}
