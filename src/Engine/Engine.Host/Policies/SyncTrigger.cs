namespace Engine.Host.Policies;

/// <summary>Why the store is read: it decides which audit event reports the result.</summary>
public enum SyncTrigger
{
    /// <summary>The engine starts.</summary>
    Start,

    /// <summary>The policy's polling interval elapsed (5463/5464).</summary>
    Poll,

    /// <summary>A Sync control command: Sync-IpSecPolicy, Enable-/Disable-IpSecPolicy (5465).</summary>
    Sync,
}
