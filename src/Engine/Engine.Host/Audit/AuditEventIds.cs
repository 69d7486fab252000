namespace Engine.Host.Audit;

/// <summary>
/// Audit event numbers, kept as Windows numbers them so that runbooks written for Windows' Security
/// log still read: 54x are the IKE events of Windows Server 2003; 546x and 547x/548x are the IPsec
/// Policy Agent ("PAStore Engine") and IPsec Services events of Windows Server 2008. docs/engine.md
/// lists each one with its fields.
/// </summary>
public static class AuditEventIds
{
    /// <summary>IKE: a main mode or quick mode security association was established (IKE side).</summary>
    public const int SecurityAssociationEstablished = 541;

    /// <summary>IKE: a quick mode security association was deleted (IKE side).</summary>
    public const int QuickModeDeleted = 542;

    /// <summary>IKE: a main mode security association was deleted (IKE side).</summary>
    public const int MainModeDeleted = 543;

    /// <summary>IKE: a negotiation failed, with its reason (IKE side).</summary>
    public const int NegotiationFailed = 547;

    /// <summary>The assigned policy from the store was applied (start, Sync, or a poll that found changes).</summary>
    public const int PolicyApplied = 5460;

    /// <summary>The store could not be read or the policy not compiled; the policy in force (if any) stays.</summary>
    public const int PolicyApplyFailed = 5461;

    /// <summary>Some rules or filters of the assigned policy could not be compiled on this adapter (the warnings).</summary>
    public const int PolicyPartlyApplied = 5462;

    /// <summary>A poll found the store unchanged.</summary>
    public const int PolicyPollUnchanged = 5463;

    /// <summary>A poll found changes and applied them.</summary>
    public const int PolicyPollChanged = 5464;

    /// <summary>A forced reload (Sync-IpSecPolicy, Enable-/Disable-IpSecPolicy) was processed.</summary>
    public const int PolicyReloaded = 5465;

    /// <summary>The engine started.</summary>
    public const int EngineStarted = 5478;

    /// <summary>The engine stopped cleanly.</summary>
    public const int EngineStopped = 5479;

    /// <summary>The engine failed and stopped.</summary>
    public const int EngineFailed = 5484;

    /// <summary>VPN gateway (RemoteAccess's number): a user failed to authenticate, with the reason.</summary>
    public const int VpnAuthenticationFailed = 20271;

    /// <summary>VPN gateway (RemoteAccess's number): a user disconnected, with duration, bytes and the reason.</summary>
    public const int VpnUserDisconnected = 20272;

    /// <summary>VPN gateway (RemoteAccess's number): a user connected and was assigned an address.</summary>
    public const int VpnUserConnected = 20274;

    /// <summary>VPN gateway: a connection was refused before authentication (MaxSessions reached, no address left). IpSecPolicy's own number.</summary>
    public const int VpnConnectionRefused = 20280;

    /// <summary>VPN client (RasClient's number): the connection to the gateway is up.</summary>
    public const int VpnClientConnected = 20225;

    /// <summary>VPN client (RasClient's number): the connection to the gateway ended.</summary>
    public const int VpnClientDisconnected = 20226;

    /// <summary>VPN client (RasClient's number): an attempt to connect failed, with the reason.</summary>
    public const int VpnClientFailed = 20227;
}
