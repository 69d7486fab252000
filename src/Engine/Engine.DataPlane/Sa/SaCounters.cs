using System.Threading;

namespace Engine.DataPlane.Sa;

/// <summary>
/// Per-SA counters, updated atomically by whichever packet thread uses the SA and readable at any
/// time (each value on its own; a set of them read together is not one snapshot).
/// </summary>
public sealed class SaCounters
{
    private long bytes;
    private long packets;
    private long replayDrops;
    private long authenticationFailures;
    private long paddingErrors;
    private long policyMismatches;

    /// <summary>Inner (plaintext) bytes sealed (outbound) or opened and delivered (inbound).</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Packets sealed (outbound) or opened and delivered (inbound).</summary>
    public long Packets => Interlocked.Read(ref packets);

    /// <summary>Inbound packets refused by the anti-replay window.</summary>
    public long ReplayDrops => Interlocked.Read(ref replayDrops);

    /// <summary>Inbound packets whose ICV (or AEAD tag) did not verify.</summary>
    public long AuthenticationFailures => Interlocked.Read(ref authenticationFailures);

    /// <summary>Inbound ESP packets that authenticated but whose padding was not 1, 2, 3, ...</summary>
    public long PaddingErrors => Interlocked.Read(ref paddingErrors);

    /// <summary>Inbound packets that opened but fell outside the SA's traffic selectors, or held a malformed inner packet.</summary>
    public long PolicyMismatches => Interlocked.Read(ref policyMismatches);

    /// <summary>Adds one packet; returns the new totals for the lifetime checks.</summary>
    internal void AddPacket(int byteCount, out long totalBytes, out long totalPackets)
    {
        totalBytes = Interlocked.Add(ref bytes, byteCount);
        totalPackets = Interlocked.Increment(ref packets);
    }

    internal void AddReplayDrop() => Interlocked.Increment(ref replayDrops);

    internal void AddAuthenticationFailure() => Interlocked.Increment(ref authenticationFailures);

    internal void AddPaddingError() => Interlocked.Increment(ref paddingErrors);

    internal void AddPolicyMismatch() => Interlocked.Increment(ref policyMismatches);
}
