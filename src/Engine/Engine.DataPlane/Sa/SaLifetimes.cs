namespace Engine.DataPlane.Sa;

/// <summary>An SA's soft and hard lifetimes, swapped as one object when the host updates them.</summary>
internal sealed class SaLifetimes
{
    public SaLifetimes(SaLifetime soft, SaLifetime hard)
    {
        Soft = soft;
        Hard = hard;
        HasTrafficLimits = soft.Bytes != 0 || soft.Packets != 0 || hard.Bytes != 0 || hard.Packets != 0;
    }

    public SaLifetime Soft { get; }

    public SaLifetime Hard { get; }

    /// <summary>False when only time limits exist: the per-packet check is then one branch.</summary>
    public bool HasTrafficLimits { get; }

    /// <summary>The traffic limit the totals have reached, hard before soft; null for none.</summary>
    public static ExpiryReason? Reached(SaLifetime limit, long bytes, long packets)
    {
        if (limit.Bytes != 0 && (ulong)bytes >= limit.Bytes)
        {
            return ExpiryReason.Bytes;
        }

        if (limit.Packets != 0 && (ulong)packets >= limit.Packets)
        {
            return ExpiryReason.Packets;
        }

        return null;
    }
}
