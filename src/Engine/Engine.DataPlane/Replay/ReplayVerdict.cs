namespace Engine.DataPlane.Replay;

/// <summary>What the anti-replay window says about a sequence number.</summary>
internal enum ReplayVerdict
{
    /// <summary>New: ahead of the window, or inside it and not seen yet.</summary>
    Accept,

    /// <summary>Inside the window and already received.</summary>
    Duplicate,

    /// <summary>Behind the window's left edge.</summary>
    TooOld,

    /// <summary>Zero, which no sender ever uses (the first packet is 1).</summary>
    Invalid,
}
