using System;
using System.Linq;
using Engine.Host.Options;
using Engine.Host.Policies;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Lifecycle;

/// <summary>Builds GetEngine's answer from the runtime, the options and the policy in force.</summary>
public sealed class EngineStatusReporter
{
    private readonly EngineRuntime runtime;
    private readonly EngineOptions options;
    private readonly PolicyAgent agent;
    private readonly TimeProvider time;

    public EngineStatusReporter(EngineRuntime runtime, EngineOptions options, PolicyAgent agent, TimeProvider time)
    {
        this.runtime = runtime;
        this.options = options;
        this.agent = agent;
        this.time = time;
    }

    public EngineStatus Report()
    {
        var policy = agent.Current;
        return new EngineStatus
        {
            State = runtime.State,
            ProcessId = runtime.ProcessId,
            InterfaceAlias = options.InterfaceAlias,
            Addresses = policy.Addresses.ToList(),
            NetworkNamespace = runtime.NetworkNamespace,
            Policy = policy.Policy?.Name,
            PolicyLastModified = policy.Policy?.LastModified,
            FilterCount = policy.FilterCount,
            PolicyWarnings = policy.Warnings.ToList(),
            PolicyCheckedAt = agent.LastCheck,
            NextPolicyPoll = runtime.State == EngineState.Running ? agent.NextPoll : null,
            Enforcers = agent.Enforcers.Select(e => e.Name).ToList(),
            StartTime = runtime.StartTime,
            Uptime = time.GetUtcNow() - runtime.StartTime,
            Version = EngineRuntime.Version,
            StorePath = options.StorePath,
            ControlSocket = options.ControlSocket,
            StateDirectory = options.StateDirectory,
        };
    }
}
