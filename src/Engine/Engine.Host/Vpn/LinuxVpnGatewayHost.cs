using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.Platform.Linux.Routing;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;

namespace Engine.Host.Vpn;

/// <summary>
/// <see cref="IVpnGatewayHost"/> on Linux: IPv4 forwarding on (restored when the gateway stops),
/// the pool as the fewest prefixes routed into the TUN device, static addresses outside the pool
/// as /32 routes, and proxy ARP entries for every such address that lies on a subnet of one of the
/// namespace's interfaces (on that interface) (RRAS and pppd's proxyarp do the same, so LAN hosts reach clients without a route).
/// All installed at once when the gateway starts, none per session: sessions come and go without
/// a single process started.
/// </summary>
internal sealed class LinuxVpnGatewayHost(string tunInterfaceName) : IVpnGatewayHost
{
    private readonly VpnHostNetwork network = new(tunInterfaceName);
    private bool? forwardingBefore;
    private List<(IPAddress Network, int PrefixLength)> routes = [];
    private List<(string Interface, IPAddress Address)> proxied = [];

    public void Install(VpnGateway gateway, IEnumerable<IPAddress> staticAddresses)
    {
        forwardingBefore ??= VpnHostNetwork.EnableForwarding();
        var (first, last) = VpnGatewayRules.ParseAddressRange(gateway.AddressRange);
        var outside = staticAddresses.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && (Ipv4Prefixes.Number(a) < Ipv4Prefixes.Number(first) || Ipv4Prefixes.Number(a) > Ipv4Prefixes.Number(last))).ToList();
        var newRoutes = Ipv4Prefixes.Cover(first, last).Concat(outside.Select(a => (a, 32))).ToList();
        var subnets = network.Subnets();
        var local = gateway.LocalAddress ?? first;
        var newProxied = Ipv4Prefixes.Each(first, last).Concat(outside)
            .Where(a => !a.Equals(local))
            .SelectMany(a => subnets.Where(s => Ipv4Prefixes.InSubnet(a, s.Network, s.PrefixLength)).Select(s => (s.Interface, a)))
            .ToList();

        Remove(keepForwarding: true);
        network.AddClientRoutes(newRoutes, newProxied);
        routes = newRoutes;
        proxied = newProxied;
    }

    public void Remove() => Remove(keepForwarding: false);

    private void Remove(bool keepForwarding)
    {
        if (routes.Count > 0 || proxied.Count > 0)
        {
            network.RemoveClientRoutes(routes, proxied);
            routes = [];
            proxied = [];
        }

        if (!keepForwarding && forwardingBefore is { } before)
        {
            VpnHostNetwork.RestoreForwarding(before);
            forwardingBefore = null;
        }
    }
}
