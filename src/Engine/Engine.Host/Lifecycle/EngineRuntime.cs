using System;
using System.Reflection;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Lifecycle;

/// <summary>Facts about this engine process that the control commands report: state, process, start time, version.</summary>
public sealed class EngineRuntime
{
    private volatile int state = (int)EngineState.Running;

    public EngineRuntime(TimeProvider time)
    {
        StartTime = time.GetUtcNow();
    }

    public EngineState State
    {
        get => (EngineState)state;
        set => state = (int)value;
    }

    public DateTimeOffset StartTime { get; }

    public int ProcessId { get; } = Environment.ProcessId;

    public string NetworkNamespace { get; } = ControlPaths.NetworkNamespaceId();

    /// <summary>The engine assembly's informational version (0.1.0, with the commit when built from git).</summary>
    public static string Version { get; } =
        typeof(EngineRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EngineRuntime).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
