namespace IpSecPolicy.Control.Results;

/// <summary>Where an engine is in its life, as Get-IpSecEngine shows it.</summary>
public enum EngineState
{
    /// <summary>Answering on its control socket with its policy loaded.</summary>
    Running,

    /// <summary>Told to stop (Stop, SIGTERM, SIGINT): withdrawing enforcement before it exits.</summary>
    Stopping,

    /// <summary>Exited; only Stop-IpSecEngine -PassThru reports this, from the last state it read.</summary>
    Stopped,
}
