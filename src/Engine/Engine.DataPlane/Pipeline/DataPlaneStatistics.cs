namespace Engine.DataPlane.Pipeline;

/// <summary>
/// A snapshot of the data plane's counters since it started. The first group are the quick mode
/// statistics of the Windows IP Security Monitor (Get-IpSecStatistics shows them under those
/// names); the rest say where other packets went. Byte counts are inner (plaintext) bytes.
/// </summary>
public sealed class DataPlaneStatistics
{
    private readonly long[] totals;

    internal DataPlaneStatistics(long[] totals, int activeSas, int activeTunnels, long saAdditions, long saDeletions)
    {
        this.totals = totals;
        ActiveSas = activeSas;
        ActiveTunnels = activeTunnels;
        SaAdditions = saAdditions;
        SaDeletions = saDeletions;
    }

    /// <summary>All zero: what a host reports before it has a data plane.</summary>
    public static DataPlaneStatistics Empty { get; } = new(new long[(int)DataPlaneCounter.Count], 0, 0, 0, 0);

    /// <summary>Installed SAs, both directions.</summary>
    public int ActiveSas { get; }

    /// <summary>Installed outbound tunnel-mode SAs.</summary>
    public int ActiveTunnels { get; }

    /// <summary>SAs added since start ("key additions").</summary>
    public long SaAdditions { get; }

    /// <summary>SAs deleted or hard-expired since start ("key deletions").</summary>
    public long SaDeletions { get; }

    /// <summary>Inbound ESP/AH packets whose SPI matched no SA, or an SA of another address or encapsulation.</summary>
    public long BadSpiPackets => this[DataPlaneCounter.BadSpiPackets];

    /// <summary>Inbound packets that could not be decrypted: wrong lengths, or bad padding after authentication.</summary>
    public long PacketsNotDecrypted => this[DataPlaneCounter.PacketsNotDecrypted];

    /// <summary>Inbound packets whose ICV or AEAD tag failed.</summary>
    public long PacketsNotAuthenticated => this[DataPlaneCounter.PacketsNotAuthenticated];

    /// <summary>Inbound packets the anti-replay window refused.</summary>
    public long PacketsWithReplayDetected => this[DataPlaneCounter.PacketsWithReplayDetected];

    public long ConfidentialBytesSent => this[DataPlaneCounter.ConfidentialBytesSent];

    public long ConfidentialBytesReceived => this[DataPlaneCounter.ConfidentialBytesReceived];

    public long AuthenticatedBytesSent => this[DataPlaneCounter.AuthenticatedBytesSent];

    public long AuthenticatedBytesReceived => this[DataPlaneCounter.AuthenticatedBytesReceived];

    public long TransportBytesSent => this[DataPlaneCounter.TransportBytesSent];

    public long TransportBytesReceived => this[DataPlaneCounter.TransportBytesReceived];

    public long TunnelBytesSent => this[DataPlaneCounter.TunnelBytesSent];

    public long TunnelBytesReceived => this[DataPlaneCounter.TunnelBytesReceived];

    /// <summary>ESP/AH packets handed to a bind and accepted by it.</summary>
    public long PacketsSent => this[DataPlaneCounter.PacketsSent];

    /// <summary>Inbound packets opened and written to the TUN device.</summary>
    public long PacketsReceived => this[DataPlaneCounter.PacketsReceived];

    /// <summary>Inbound datagrams too short or with a broken outer header to find an SPI in.</summary>
    public long MalformedPackets => this[DataPlaneCounter.MalformedPackets];

    /// <summary>Opened packets whose inner packet was malformed or outside the SA's traffic selectors.</summary>
    public long PolicyMismatchDrops => this[DataPlaneCounter.PolicyMismatchDrops];

    /// <summary>Packets of a kind this data plane does not handle (transport-mode fragments, AH with IPv4 options).</summary>
    public long UnsupportedPackets => this[DataPlaneCounter.UnsupportedPackets];

    /// <summary>Opened ESP packets with next header 59 (traffic flow confidentiality dummies), dropped as RFC 4303 says.</summary>
    public long DummyPacketsReceived => this[DataPlaneCounter.DummyPacketsReceived];

    /// <summary>Packets from the TUN device that matched no policy entry.</summary>
    public long OutboundWithoutPolicy => this[DataPlaneCounter.OutboundWithoutPolicy];

    /// <summary>Packets dropped by a Discard entry.</summary>
    public long OutboundDiscarded => this[DataPlaneCounter.OutboundDiscarded];

    /// <summary>Packets from the TUN device that were not well-formed IP, or did not fit their transport SA's addresses.</summary>
    public long OutboundMalformed => this[DataPlaneCounter.OutboundMalformed];

    public long AcquiresReported => this[DataPlaneCounter.AcquiresReported];

    /// <summary>Packets dropped because their SA did not exist yet (drop policy, or hold queue full).</summary>
    public long DroppedWhileAcquiring => this[DataPlaneCounter.DroppedWhileAcquiring];

    public long PacketsHeld => this[DataPlaneCounter.PacketsHeld];

    public long HeldPacketsSent => this[DataPlaneCounter.HeldPacketsSent];

    /// <summary>Held packets whose SA did not come within the hold time, or whose entry was removed.</summary>
    public long HeldPacketsDropped => this[DataPlaneCounter.HeldPacketsDropped];

    /// <summary>Outbound packets refused because the SA's sequence numbers ran out.</summary>
    public long SequenceExhaustedDrops => this[DataPlaneCounter.SequenceExhaustedDrops];

    /// <summary>Sealed packets a bind did not send (no route, refused, congested; or no bind for the SA).</summary>
    public long SendFailures => this[DataPlaneCounter.SendFailures];

    public long TunWriteFailures => this[DataPlaneCounter.TunWriteFailures];

    /// <summary>IKE messages on UDP 4500 passed to the IKE side.</summary>
    public long IkeDatagramsReceived => this[DataPlaneCounter.IkeDatagramsReceived];

    public long NatKeepalivesReceived => this[DataPlaneCounter.NatKeepalivesReceived];

    public long NatKeepalivesSent => this[DataPlaneCounter.NatKeepalivesSent];

    /// <summary>Exceptions caught in a packet loop (a bug; the loop carries on). See <c>IpsecDataPlane.LastInternalError</c>.</summary>
    public long InternalErrors => this[DataPlaneCounter.InternalErrors];

    private long this[DataPlaneCounter counter] => totals[(int)counter];
}
