using System;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>
/// The timers and windows of the reliable control channel (RFC 2661 section 5.8, appendix A).
/// Defaults: a receive window of 4 (xl2tpd's DEFAULT_RWS_SIZE, and what section 5.8 says to assume
/// when a peer sends no Receive Window Size AVP); a first retransmission after 1 s, doubling each
/// time (the RFC's recommendation) up to 16 s (the RFC asks for a cap of at least 8 s; 16 s gives
/// the 1+2+4+8+16 = 31 s retransmission cycle L2TP implementations quote); 5 retransmissions (the
/// RFC's recommended default, also xl2tpd's DEFAULT_MAX_RETRIES) before the tunnel is given up;
/// a zero-length-body acknowledgment delayed by a quarter of the first timeout (xl2tpd's
/// NZL_TIMEOUT_DIVISOR) so that a reply can carry the acknowledgment instead; and slow start
/// with congestion avoidance (appendix A).
/// </summary>
public sealed record ControlChannelOptions
{
    /// <summary>The receive window this side advertises and enforces (messages beyond it are dropped).</summary>
    public ushort ReceiveWindowSize { get; init; } = 4;

    public TimeSpan InitialRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaximumRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(16);

    public int MaximumRetransmissions { get; init; } = 5;

    public TimeSpan AcknowledgmentDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Appendix A: start with a congestion window of 1 and open it as acknowledgments arrive.</summary>
    public bool SlowStart { get; init; } = true;

    /// <summary>
    /// The time from a message's first transmission to its last retransmission (31 s with the
    /// defaults): how long a closed tunnel keeps acknowledging the peer's retransmitted StopCCN
    /// (section 5.7) before its state is released.
    /// </summary>
    public TimeSpan FullRetransmissionCycle
    {
        get
        {
            var total = TimeSpan.Zero;
            for (var attempt = 0; attempt < MaximumRetransmissions; attempt++)
            {
                total += Timeout(attempt);
            }

            return total;
        }
    }

    /// <summary>The wait after the transmission numbered <paramref name="attempt"/> (0 = the first).</summary>
    public TimeSpan Timeout(int attempt)
    {
        var timeout = InitialRetransmissionTimeout;
        for (var i = 0; i < attempt && timeout < MaximumRetransmissionTimeout; i++)
        {
            timeout += timeout;
        }

        return timeout < MaximumRetransmissionTimeout ? timeout : MaximumRetransmissionTimeout;
    }

    /// <summary>Throws for values the protocol cannot work with.</summary>
    public void Validate()
    {
        if (ReceiveWindowSize == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiveWindowSize), "the receive window must be at least 1");
        }

        if (InitialRetransmissionTimeout <= TimeSpan.Zero || MaximumRetransmissionTimeout < InitialRetransmissionTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialRetransmissionTimeout), "timeouts must be positive and the cap at least the initial timeout");
        }

        if (MaximumRetransmissions < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRetransmissions), "the retransmission count cannot be negative");
        }

        if (AcknowledgmentDelay < TimeSpan.Zero || AcknowledgmentDelay >= InitialRetransmissionTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(AcknowledgmentDelay), "the acknowledgment delay must be shorter than the peer's first retransmission");
        }
    }
}
