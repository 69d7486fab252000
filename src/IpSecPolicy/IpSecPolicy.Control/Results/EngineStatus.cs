using System;
using System.Collections.Generic;

namespace IpSecPolicy.Control.Results;

/// <summary>The result of GetEngine (and of Stop): what Get-IpSecEngine writes.</summary>
public sealed class EngineStatus
{
    public EngineState State { get; set; }

    public int ProcessId { get; set; }

    /// <summary>The adapter the engine is bound to (--interface).</summary>
    public string InterfaceAlias { get; set; } = string.Empty;

    /// <summary>The adapter's unicast addresses the policy was compiled with (what "Me" stands for).</summary>
    public List<string> Addresses { get; set; } = new();

    /// <summary>The engine's network namespace, "net-INODE" (see ControlPaths).</summary>
    public string NetworkNamespace { get; set; } = string.Empty;

    /// <summary>The assigned policy the engine compiled; null when none is assigned.</summary>
    public string? Policy { get; set; }

    /// <summary>The assigned policy's LastModified as the store holds it.</summary>
    public DateTimeOffset? PolicyLastModified { get; set; }

    /// <summary>The number of effective filters the policy compiled to on this adapter.</summary>
    public int FilterCount { get; set; }

    /// <summary>What could not be compiled (unresolved names, rules skipped): the compiler's warnings.</summary>
    public List<string> PolicyWarnings { get; set; } = new();

    /// <summary>When the engine last read the store (start, Sync or poll).</summary>
    public DateTimeOffset? PolicyCheckedAt { get; set; }

    /// <summary>When the engine reads the store again by itself; null when the policy's polling interval is 0.</summary>
    public DateTimeOffset? NextPolicyPoll { get; set; }

    /// <summary>The components that enforce the compiled policy (IKE, data plane); empty when none is built in.</summary>
    public List<string> Enforcers { get; set; } = new();

    public DateTimeOffset StartTime { get; set; }

    public TimeSpan Uptime { get; set; }

    public string Version { get; set; } = string.Empty;

    public string StorePath { get; set; } = string.Empty;

    public string ControlSocket { get; set; } = string.Empty;

    public string StateDirectory { get; set; } = string.Empty;
}
