using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using Engine.Platform.Linux.Commands;
using Engine.Platform.Linux.Interop;

namespace Engine.Platform.Linux.Routing;

/// <summary>
/// The host side of the VPN gateway and client: IPv4 forwarding, routes for the client addresses
/// into the engine's TUN device, proxy ARP entries for the ones on a LAN subnet (what RRAS and
/// pppd's proxyarp option do), and on the client the assigned address and its routes. All with
/// <c>ip -batch</c>, so a pool of thousands of addresses is one process per change, not one per address.
/// </summary>
public sealed class VpnHostNetwork
{
    private const string ForwardingPath = "/proc/sys/net/ipv4/ip_forward";
    private readonly string tunInterfaceName;
    private readonly string? networkNamespace;

    public VpnHostNetwork(string tunInterfaceName, string? networkNamespace = null)
    {
        InterfaceNames.Validate(tunInterfaceName, nameof(tunInterfaceName));
        this.tunInterfaceName = tunInterfaceName;
        this.networkNamespace = networkNamespace;
    }

    /// <summary>Turns IPv4 forwarding on (a gateway routes its clients' packets); the value it had before.</summary>
    public static bool EnableForwarding()
    {
        var before = File.ReadAllText(ForwardingPath).Trim() == "1";
        if (!before)
        {
            File.WriteAllText(ForwardingPath, "1\n");
        }

        return before;
    }

    /// <summary>Sets IPv4 forwarding back to what <see cref="EnableForwarding"/> found.</summary>
    public static void RestoreForwarding(bool enabled) => File.WriteAllText(ForwardingPath, enabled ? "1\n" : "0\n");

    /// <summary>
    /// Routes <paramref name="prefixes"/> into the TUN device and, for each pair of
    /// <paramref name="proxyArp"/>, answers ARP for the address on the interface.
    /// Idempotent (replace).
    /// </summary>
    public void AddClientRoutes(IEnumerable<(IPAddress Network, int PrefixLength)> prefixes, IEnumerable<(string Interface, IPAddress Address)> proxyArp)
    {
        var lines = prefixes.Select(p => $"route replace {Prefix(p)} dev {tunInterfaceName}").ToList();
        foreach (var (lan, address) in proxyArp)
        {
            InterfaceNames.Validate(lan, nameof(proxyArp));
            lines.Add($"neigh replace proxy {address} dev {lan}");
        }

        if (lines.Count > 0)
        {
            IpCommand.Batch(networkNamespace, "-4", lines);
        }
    }

    /// <summary>Removes what <see cref="AddClientRoutes"/> added; entries already gone are ignored.</summary>
    public void RemoveClientRoutes(IEnumerable<(IPAddress Network, int PrefixLength)> prefixes, IEnumerable<(string Interface, IPAddress Address)> proxyArp)
    {
        // One batch; -force goes on past entries that are already gone.
        var lines = prefixes.Select(p => $"route delete {Prefix(p)} dev {tunInterfaceName}")
            .Concat(proxyArp.Select(p => $"neigh delete proxy {p.Address} dev {p.Interface}"))
            .ToList();
        if (lines.Count > 0)
        {
            IpCommand.Run(networkNamespace, ["-4", "-force", "-batch", "-"], string.Join('\n', lines) + "\n");
        }
    }

    /// <summary>
    /// Client side: the address PPP assigned on the TUN device, and routes through it from that
    /// address; first a host route to <paramref name="server"/> the way it is reached now, so that
    /// no route through the connection (a classful one may cover the server) captures the
    /// connection's own packets. Windows adds the same host route when it dials.
    /// </summary>
    public void AddAssignedAddress(IPAddress address, IEnumerable<(IPAddress Network, int PrefixLength)> routes, IPAddress server)
    {
        var lines = new List<string>();
        if (PathTo(server) is { } path)
        {
            lines.Add($"route replace {server}/32 {path}");
        }

        lines.Add($"address replace {address}/32 dev {tunInterfaceName}");
        lines.AddRange(routes.Select(r => $"route replace {Prefix(r)} dev {tunInterfaceName} src {address}"));
        IpCommand.Batch(networkNamespace, "-4", lines);
    }

    /// <summary>Client side: removes the address (its routes go with it) and the server's host route.</summary>
    public void RemoveAssignedAddress(IPAddress address, IPAddress server)
    {
        IpCommand.Run(networkNamespace, ["-4", "address", "delete", $"{address}/32", "dev", tunInterfaceName]);
        IpCommand.Run(networkNamespace, ["-4", "route", "delete", $"{server}/32"]);
    }

    /// <summary>"via GATEWAY dev DEVICE" or "dev DEVICE" as the main table reaches <paramref name="destination"/> now; null when unreachable.</summary>
    private string? PathTo(IPAddress destination)
    {
        var result = IpCommand.Run(networkNamespace, ["-4", "route", "get", destination.ToString()]);
        var fields = result.StandardOutput.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var device = Array.IndexOf(fields, "dev");
        if (result.ExitCode != 0 || device < 0 || device + 1 >= fields.Length || fields[device + 1] == tunInterfaceName)
        {
            return null;
        }

        var via = Array.IndexOf(fields, "via");
        return via >= 0 && via + 1 < fields.Length ? $"via {fields[via + 1]} dev {fields[device + 1]}" : $"dev {fields[device + 1]}";
    }

    /// <summary>Every IPv4 subnet configured in the namespace with its interface (where proxy ARP is needed), the TUN device left out.</summary>
    public IReadOnlyList<(string Interface, IPAddress Network, int PrefixLength)> Subnets()
    {
        var result = IpCommand.RunChecked(networkNamespace, ["-4", "-o", "address", "show"]);
        var subnets = new List<(string, IPAddress, int)>();
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            // "2: eth0    inet 192.0.2.1/24 brd ... scope global eth0\ ..."
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = Array.IndexOf(fields, "inet");
            if (index >= 2 && index + 1 < fields.Length && fields[1] != tunInterfaceName && fields[1] != "lo")
            {
                var address = Namespaces.InterfaceAddress.Parse(fields[index + 1]);
                subnets.Add((fields[1].Split('@')[0], address.Address, address.PrefixLength));
            }
        }

        return subnets;
    }

    private static string Prefix((IPAddress Network, int PrefixLength) prefix) =>
        $"{prefix.Network}/{prefix.PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
