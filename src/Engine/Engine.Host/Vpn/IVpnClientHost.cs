using System.Collections.Generic;
using System.Net;

namespace Engine.Host.Vpn;

/// <summary>The host changes a VPN connection makes: the assigned address and the routes through it.</summary>
internal interface IVpnClientHost
{
    void AddAssignedAddress(IPAddress address, IReadOnlyList<(IPAddress Network, int PrefixLength)> routes);

    void RemoveAssignedAddress(IPAddress address);
}
