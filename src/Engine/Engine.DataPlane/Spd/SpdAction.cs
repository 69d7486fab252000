namespace Engine.DataPlane.Spd;

/// <summary>What an outbound policy entry does with the packets it matches.</summary>
public enum SpdAction
{
    /// <summary>
    /// Seal with the entry's outbound SA (by <see cref="SpdEntry.ReqId"/>); while there is none,
    /// report an acquire and hold or drop the packet.
    /// </summary>
    Protect,

    /// <summary>Drop silently, without an acquire: a negotiation failed and the policy blocks for a while.</summary>
    Discard,
}
