namespace IpSecPolicy.Control.Results;

/// <summary>
/// The IP Security Monitor's main mode (IKE) statistics, by Windows' names. The "active" values are
/// now; the others count since the engine started. docs/engine.md says what each one counts here.
/// </summary>
public sealed class MainModeStatistics
{
    /// <summary>Negotiations this host started (acquires) that are queued or under way.</summary>
    public int ActiveAcquire { get; set; }

    /// <summary>Negotiations peers started that this host is answering.</summary>
    public int ActiveReceive { get; set; }

    public long AcquireFailures { get; set; }

    /// <summary>Errors the IKE socket reported while receiving.</summary>
    public long ReceiveFailures { get; set; }

    /// <summary>IKE messages the socket failed to send.</summary>
    public long SendFailures { get; set; }

    /// <summary>Main modes that failed authentication (pre-shared keys that differ).</summary>
    public long AuthenticationFailures { get; set; }

    /// <summary>Main mode and quick mode negotiations that failed (each is a 547 event).</summary>
    public long NegotiationFailures { get; set; }

    public long InvalidCookiesReceived { get; set; }

    public long TotalAcquire { get; set; }

    /// <summary>Negotiations peers started with this host.</summary>
    public long TotalReceive { get; set; }

    /// <summary>Main modes completed ("IKE Main Mode").</summary>
    public long MainModeSas { get; set; }

    /// <summary>Quick modes completed ("IKE Quick Mode").</summary>
    public long QuickModeSas { get; set; }

    /// <summary>Soft associations: negotiations that fell back to clear.</summary>
    public long SoftSas { get; set; }

    public long InvalidPacketsReceived { get; set; }
}
