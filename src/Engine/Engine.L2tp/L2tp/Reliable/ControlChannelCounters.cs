using System;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>What a control channel has seen, for diagnostics and tests.</summary>
public sealed class ControlChannelCounters
{
    /// <summary>Messages transmitted for the first time.</summary>
    public long MessagesSent { get; internal set; }

    public long Retransmissions { get; internal set; }

    public long ZeroLengthBodiesSent { get; internal set; }

    /// <summary>Control messages and ZLBs received (all of them, duplicates included).</summary>
    public long PacketsReceived { get; internal set; }

    /// <summary>Messages delivered to the tunnel, in order.</summary>
    public long MessagesDelivered { get; internal set; }

    /// <summary>Messages received again (their Ns already delivered), acknowledged again and dropped.</summary>
    public long DuplicatesReceived { get; internal set; }

    /// <summary>Messages ahead of the expected Ns, held until the gap fills.</summary>
    public long OutOfOrderHeld { get; internal set; }

    /// <summary>Messages beyond this side's receive window, dropped.</summary>
    public long OutsideWindowDropped { get; internal set; }

    /// <summary>Nr values acknowledging messages never sent, ignored.</summary>
    public long InvalidAcknowledgments { get; internal set; }
}
