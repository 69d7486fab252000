using System.Collections.Generic;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Vpn;

/// <summary>What the control commands read from and do to the VPN gateway and client.</summary>
public interface IVpnMonitor
{
    VpnGatewayStatus GatewayStatus();

    IReadOnlyList<VpnSession> Sessions();

    /// <summary>Ends a session cleanly; the session as it was, or null when there is none with that id.</summary>
    VpnSession? Disconnect(ulong id);

    VpnConnectionStatus ConnectionStatus();
}
