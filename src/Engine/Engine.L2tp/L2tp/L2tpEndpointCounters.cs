using System;
using System.Threading;

namespace Engine.L2tp.L2tp;

/// <summary>Datagrams an endpoint received and what became of those it dropped.</summary>
public sealed class L2tpEndpointCounters
{
    private long datagramsReceived;
    private long truncated;
    private long malformed;
    private long unknownTunnel;
    private long wrongPeer;
    private long unknownSession;
    private long ignoredMessages;

    public long DatagramsReceived => Volatile.Read(ref datagramsReceived);

    /// <summary>Shorter than their header or their Length field.</summary>
    public long Truncated => Volatile.Read(ref truncated);

    /// <summary>A header that breaks section 3.1 (version, control bits, Length).</summary>
    public long Malformed => Volatile.Read(ref malformed);

    /// <summary>Addressed to a tunnel ID that does not exist (or a tunnel ID 0 message that is not an SCCRQ).</summary>
    public long UnknownTunnel => Volatile.Read(ref unknownTunnel);

    /// <summary>Addressed to a tunnel that belongs to another SA or another address and port.</summary>
    public long WrongPeer => Volatile.Read(ref wrongPeer);

    /// <summary>Data or call messages for a session that does not exist or is not established.</summary>
    public long UnknownSession => Volatile.Read(ref unknownSession);

    /// <summary>Control messages acknowledged but not acted on (unknown type without M bit, a lost tie, a message for a closed tunnel).</summary>
    public long IgnoredMessages => Volatile.Read(ref ignoredMessages);

    internal void CountReceived() => Interlocked.Increment(ref datagramsReceived);

    internal void CountTruncated() => Interlocked.Increment(ref truncated);

    internal void CountMalformed() => Interlocked.Increment(ref malformed);

    internal void CountUnknownTunnel() => Interlocked.Increment(ref unknownTunnel);

    internal void CountWrongPeer() => Interlocked.Increment(ref wrongPeer);

    internal void CountUnknownSession() => Interlocked.Increment(ref unknownSession);

    internal void CountIgnored() => Interlocked.Increment(ref ignoredMessages);
}
