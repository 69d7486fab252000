namespace Engine.Ike.Statistics;

/// <summary>
/// A snapshot of the IKE counters since the engine started: the main mode statistics of the
/// Windows IP Security Monitor, under its names (Get-IpSecStatistics shows them), plus the quick
/// mode rekeys. The "active" values are counted from the SAs at the moment of the snapshot; the
/// rest only grow. docs/engine.md says where each one is counted.
/// </summary>
public sealed record IkeStatistics
{
    /// <summary>Negotiations we started (acquires) that are queued or under way: quick modes not yet installed.</summary>
    public int ActiveAcquire { get; init; }

    /// <summary>Negotiations a peer started that are under way here: main modes and quick modes we are answering.</summary>
    public int ActiveReceive { get; init; }

    /// <summary>Negotiations we started that failed (no answer, refused, no key for the peer).</summary>
    public long AcquireFailures { get; init; }

    /// <summary>Errors the IKE socket reported while receiving (see <see cref="IkeEngine.ReportReceiveFailure"/>).</summary>
    public long ReceiveFailures { get; init; }

    /// <summary>IKE messages the socket failed to send (the transport threw a SocketException).</summary>
    public long SendFailures { get; init; }

    /// <summary>Main modes that failed authentication: a wrong pre-shared key on one side.</summary>
    public long AuthenticationFailures { get; init; }

    /// <summary>Main mode and quick mode negotiations that failed, for any reason (each is also a 547 event).</summary>
    public long NegotiationFailures { get; init; }

    /// <summary>Messages whose cookies matched no ISAKMP SA and that could not start one.</summary>
    public long InvalidCookiesReceived { get; init; }

    /// <summary>Negotiations we started for traffic the policy secures (acquires), since start.</summary>
    public long TotalAcquire { get; init; }

    /// <summary>Negotiations a peer started with us (main mode message 1, quick mode message 1), since start.</summary>
    public long TotalReceive { get; init; }

    /// <summary>Main modes that completed (ISAKMP SAs established), since start.</summary>
    public long MainModeSas { get; init; }

    /// <summary>Quick modes that completed (IPsec SA pairs installed), since start.</summary>
    public long QuickModeSas { get; init; }

    /// <summary>Soft SAs (fallback to clear) IKE created, since start.</summary>
    public long SoftSas { get; init; }

    /// <summary>IKE messages dropped as invalid: unreadable header, malformed payloads, undecryptable, against the exchange's rules.</summary>
    public long InvalidPacketsReceived { get; init; }

    /// <summary>Quick mode SAs replaced by a new quick mode for the same traffic (ours or the peer's rekey).</summary>
    public long QuickModeRekeys { get; init; }
}
