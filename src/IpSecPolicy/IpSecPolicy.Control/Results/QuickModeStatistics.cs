namespace IpSecPolicy.Control.Results;

/// <summary>
/// The IP Security Monitor's quick mode (IPsec) statistics, by Windows' names, from the data plane
/// (and the rekeys from IKE). Byte counts are the inner (plaintext) bytes, since the engine started.
/// </summary>
public sealed class QuickModeStatistics
{
    /// <summary>Installed IPsec SAs, both directions counted.</summary>
    public int ActiveSas { get; set; }

    /// <summary>Installed outbound tunnel-mode SAs.</summary>
    public int ActiveTunnels { get; set; }

    /// <summary>SAs added to the data plane.</summary>
    public long KeyAdditions { get; set; }

    /// <summary>SAs removed from the data plane (deleted or expired).</summary>
    public long KeyDeletions { get; set; }

    /// <summary>Quick mode SAs replaced by a new quick mode for the same traffic.</summary>
    public long Rekeys { get; set; }

    public long BadSpiPackets { get; set; }

    public long PacketsNotDecrypted { get; set; }

    public long PacketsNotAuthenticated { get; set; }

    public long PacketsWithReplayDetection { get; set; }

    public long ConfidentialBytesSent { get; set; }

    public long ConfidentialBytesReceived { get; set; }

    public long AuthenticatedBytesSent { get; set; }

    public long AuthenticatedBytesReceived { get; set; }

    public long TransportBytesSent { get; set; }

    public long TransportBytesReceived { get; set; }

    public long BytesSentInTunnels { get; set; }

    public long BytesReceivedInTunnels { get; set; }
}
