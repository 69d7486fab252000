namespace IpSecPolicy.Control;

/// <summary>The names of the control commands (README.md describes each one's arguments and result).</summary>
public static class ControlCommands
{
    /// <summary>The engine's state: process, adapter, addresses, assigned policy, uptime, paths.</summary>
    public const string GetEngine = "GetEngine";

    /// <summary>Re-read the store, recompile, apply; the result says what changed.</summary>
    public const string Sync = "Sync";

    /// <summary>Shut down cleanly: the reply comes first, then the engine stops and exits 0.</summary>
    public const string Stop = "Stop";

    /// <summary>Audit events, newest first, filtered by id and time.</summary>
    public const string GetEvents = "GetEvents";

    /// <summary>The main mode (ISAKMP) SAs (MainModeSa[]), no keys.</summary>
    public const string GetMainModeSa = "GetMainModeSa";

    /// <summary>The quick mode SAs (QuickModeSa[]) with their counters, no keys.</summary>
    public const string GetQuickModeSa = "GetQuickModeSa";

    /// <summary>Deletes a main mode SA and tells the peer (DELETE); the result is the SA as it was.</summary>
    public const string RemoveMainModeSa = "RemoveMainModeSa";

    /// <summary>Deletes a quick mode's SAs in both directions and tells the peer; the result is the SA as it was.</summary>
    public const string RemoveQuickModeSa = "RemoveQuickModeSa";

    /// <summary>The IP Security Monitor's main mode and quick mode statistics (IpSecStatistics).</summary>
    public const string GetStatistics = "GetStatistics";

    /// <summary>Every current SA's keys for Wireshark (WiresharkKeys): the one command that returns key material.</summary>
    public const string ExportWiresharkKeys = "ExportWiresharkKeys";

    /// <summary>The VPN gateway's settings, state and use (VpnGatewayStatus); State Stopped when none is configured.</summary>
    public const string GetVpnGateway = "GetVpnGateway";

    /// <summary>The VPN gateway's sessions (VpnSession[]).</summary>
    public const string GetVpnSession = "GetVpnSession";

    /// <summary>Ends a session cleanly (LCP Terminate-Request, then CDN); the result is the session as it was.</summary>
    public const string DisconnectVpnSession = "DisconnectVpnSession";

    /// <summary>The engine's L2TP/IPsec client connection (VpnConnectionStatus); State Disconnected when none is configured.</summary>
    public const string GetVpnConnection = "GetVpnConnection";
}
