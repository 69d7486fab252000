using System.Collections.Generic;
using System.Net;

namespace Engine.Host.Vpn;

/// <summary>The host changes a VPN connection makes: the assigned address, the routes through it, the server pinned to its way.</summary>
internal interface IVpnClientHost
{
    void AddAssignedAddress(IPAddress address, IReadOnlyList<(IPAddress Network, int PrefixLength)> routes, IPAddress server);

    void RemoveAssignedAddress(IPAddress address, IPAddress server);
}
