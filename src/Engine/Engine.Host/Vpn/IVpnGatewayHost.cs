using System.Collections.Generic;
using System.Net;
using IpSecPolicy.Model.Objects;

namespace Engine.Host.Vpn;

/// <summary>The host changes a VPN gateway makes: forwarding, routes for its clients' addresses into the TUN device, proxy ARP.</summary>
internal interface IVpnGatewayHost
{
    /// <summary>Routes the pool and the users' static addresses, and answers ARP for those on the adapter's subnets. Replaces what an earlier call installed.</summary>
    void Install(VpnGateway gateway, IEnumerable<IPAddress> staticAddresses);

    /// <summary>Removes everything <see cref="Install"/> put in place.</summary>
    void Remove();
}
