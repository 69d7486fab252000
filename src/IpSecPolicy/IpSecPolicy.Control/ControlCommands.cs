namespace IpSecPolicy.Control;

/// <summary>The names of the control commands (README.md describes each one's arguments and result).</summary>
public static class ControlCommands
{
    /// <summary>The engine's state: process, adapter, addresses, assigned policy, uptime, paths.</summary>
    public const string GetEngine = "GetEngine";

    /// <summary>Re-read the store, recompile, apply; the result says what changed.</summary>
    public const string Sync = "Sync";

    /// <summary>Shut down cleanly: the reply comes first, then the engine stops and exits 0.</summary>
    public const string Stop = "Stop";

    /// <summary>Audit events, newest first, filtered by id and time.</summary>
    public const string GetEvents = "GetEvents";
}
