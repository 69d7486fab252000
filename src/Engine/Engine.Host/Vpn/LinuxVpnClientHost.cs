using System.Collections.Generic;
using System.Net;
using Engine.Platform.Linux.Routing;

namespace Engine.Host.Vpn;

/// <summary><see cref="IVpnClientHost"/> on Linux: the assigned address on the TUN device, routes through it from that address.</summary>
internal sealed class LinuxVpnClientHost(string tunInterfaceName) : IVpnClientHost
{
    private readonly VpnHostNetwork network = new(tunInterfaceName);

    public void AddAssignedAddress(IPAddress address, IReadOnlyList<(IPAddress Network, int PrefixLength)> routes, IPAddress server) =>
        network.AddAssignedAddress(address, routes, server);

    public void RemoveAssignedAddress(IPAddress address, IPAddress server) => network.RemoveAssignedAddress(address, server);
}
