using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// Builds a <see cref="HostContext"/> from the running system. Addresses come from
/// System.Net.NetworkInformation on every platform. On Linux the servers come from the files the
/// system keeps (resolv.conf, /proc routes, DHCP lease files, smb.conf; see
/// <see cref="LinuxNetworkFiles"/>), because .NET there reads only dhclient's default lease file and
/// Samba's config; elsewhere from IPInterfaceProperties.
/// </summary>
public static class HostDiscovery
{
    /// <summary>The system's resolver (Dns.GetHostAddresses), turning failures into results.</summary>
    public static NameResolver SystemResolver { get; } = name =>
    {
        try
        {
            return NameResolution.Success(name, Dns.GetHostAddresses(name).Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal).Select(WithoutScope));
        }
        catch (SocketException e)
        {
            return NameResolution.Failure(name, e.Message);
        }
        catch (ArgumentException e)
        {
            return NameResolution.Failure(name, e.Message);
        }
    };

    /// <summary>
    /// The context of this host, or of one interface when <paramref name="interfaceAlias"/> is given.
    /// Only interfaces that are up count; loopback interfaces and IPv6 link-local addresses are left
    /// out (traffic on them is never IPsec-filtered, and a scoped address cannot be a filter address).
    /// </summary>
    /// <exception cref="PolicyException">InterfaceNotFound when the alias names no interface.</exception>
    public static HostContext Discover(string? interfaceAlias = null) =>
        Discover(interfaceAlias, NetworkInterface.GetAllNetworkInterfaces(), RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? new LinuxNetworkFiles("/") : null);

    internal static HostContext Discover(string? interfaceAlias, IReadOnlyList<NetworkInterface> interfaces, LinuxNetworkFiles? linux)
    {
        var chosen = interfaces
            .Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback && i.OperationalStatus != OperationalStatus.Down)
            .Where(i => interfaceAlias is null || string.Equals(i.Name, interfaceAlias, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (interfaceAlias is not null && chosen.Count == 0)
        {
            var known = string.Join(", ", interfaces.Select(i => i.Name));
            throw new PolicyException(ErrorIds.InterfaceNotFound, PolicyErrorCategory.ObjectNotFound,
                $"There is no interface '{interfaceAlias}' that is up. Interfaces: {known}.", interfaceAlias);
        }

        var names = new HashSet<string>(chosen.Select(i => i.Name), StringComparer.OrdinalIgnoreCase);
        var addresses = chosen
            .SelectMany(i => SafeProperties(i)?.UnicastAddresses.Select(u => new HostAddress(u.Address, i.Name)) ?? Enumerable.Empty<HostAddress>())
            .Where(a => !IPAddress.IsLoopback(a.Address) && !a.Address.IsIPv6LinkLocal && !a.Address.IsIPv6Multicast)
            .Where(a => a.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new HostAddress(WithoutScope(a.Address), a.InterfaceAlias))
            .ToList();

        return linux is null
            ? FromInterfaceProperties(chosen, addresses, interfaceAlias)
            : new HostContext
            {
                Addresses = addresses,
                DnsServers = linux.DnsServers(),
                Gateways = ForInterfaces(linux.DefaultGateways().Select(g => ((string?)g.Interface, g.Gateway)), names),
                DhcpServers = ForInterfaces(linux.DhcpServers(), names),
                WinsServers = ForInterfaces(linux.WinsServers(), names),
                Resolver = SystemResolver,
                InterfaceAlias = interfaceAlias,
                Origin = "system",
            };
    }

    private static HostContext FromInterfaceProperties(List<NetworkInterface> chosen, List<HostAddress> addresses, string? interfaceAlias)
    {
        var properties = chosen.Select(SafeProperties).Where(p => p is not null).Select(p => p!).ToList();
        return new HostContext
        {
            Addresses = addresses,
            DnsServers = Usable(properties.SelectMany(p => Safe(() => p.DnsAddresses))),
            Gateways = Usable(properties.SelectMany(p => Safe(() => p.GatewayAddresses.Select(g => g.Address)))),
            DhcpServers = Usable(properties.SelectMany(p => Safe(() => p.DhcpServerAddresses))),
            WinsServers = Usable(properties.SelectMany(p => Safe(() => p.WinsServersAddresses))),
            Resolver = SystemResolver,
            InterfaceAlias = interfaceAlias,
            Origin = "system",
        };
    }

    /// <summary>Servers of the chosen interfaces, plus those not tied to any interface (smb.conf).</summary>
    private static IReadOnlyList<IPAddress> ForInterfaces(IEnumerable<(string? Interface, IPAddress Server)> servers, HashSet<string> names) =>
        Usable(servers.Where(s => s.Interface is null || names.Contains(s.Interface)).Select(s => s.Server));

    private static IReadOnlyList<IPAddress> Usable(IEnumerable<IPAddress> addresses) =>
        addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any) && !IPAddress.IsLoopback(a))
            .Select(WithoutScope)
            .Distinct()
            .ToList();

    private static IEnumerable<IPAddress> Safe(Func<IEnumerable<IPAddress>> read)
    {
        try
        {
            return read().ToList();
        }
        catch (Exception e) when (e is PlatformNotSupportedException or NetworkInformationException or System.IO.IOException)
        {
            return Enumerable.Empty<IPAddress>();
        }
    }

    private static IPInterfaceProperties? SafeProperties(NetworkInterface networkInterface)
    {
        try
        {
            return networkInterface.GetIPProperties();
        }
        catch (Exception e) when (e is PlatformNotSupportedException or NetworkInformationException or System.IO.IOException)
        {
            return null;
        }
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
}
