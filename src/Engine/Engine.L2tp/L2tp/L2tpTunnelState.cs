using System;

namespace Engine.L2tp.L2tp;

/// <summary>The control connection states of RFC 2661 section 7.2.1, plus the closing ones of section 5.7.</summary>
public enum L2tpTunnelState
{
    /// <summary>An SCCRQ arrived and is being answered.</summary>
    Idle,

    /// <summary>This side sent an SCCRQ (LAC, or the engine as a client) and waits for the SCCRP.</summary>
    WaitControlReply,

    /// <summary>This side sent an SCCRP and waits for the SCCCN.</summary>
    WaitControlConnected,

    Established,

    /// <summary>This side sent a StopCCN and waits for its acknowledgment (section 5.7).</summary>
    Closing,

    /// <summary>
    /// The tunnel is down but its control channel lives on for one full retransmission cycle to
    /// acknowledge a retransmitted StopCCN (section 5.7's hold).
    /// </summary>
    Holding,

    /// <summary>All state released; the IDs may be reused.</summary>
    Closed,
}
