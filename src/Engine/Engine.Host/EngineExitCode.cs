namespace Engine.Host;

/// <summary>The engine's exit codes (docs/engine.md; the systemd unit keeps 2-7 from restart loops).</summary>
public static class EngineExitCode
{
    /// <summary>Stopped cleanly: Stop-IpSecEngine, SIGTERM or SIGINT.</summary>
    public const int Stopped = 0;

    /// <summary>Started, then failed in a way it did not expect (audit event 5484; the log has the exception).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The interface named by --interface does not exist or is down.</summary>
    public const int InterfaceNotFound = 3;

    /// <summary>The store cannot be read or is not valid (audit event 5461).</summary>
    public const int StoreUnreadable = 4;

    /// <summary>Another engine already answers on the control socket of this namespace.</summary>
    public const int AlreadyRunning = 5;

    /// <summary>The control socket (or its directory) cannot be created.</summary>
    public const int ControlSocketUnavailable = 6;

    /// <summary>The state directory (audit trail) cannot be created or written.</summary>
    public const int StateDirectoryUnavailable = 7;
}
