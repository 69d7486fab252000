using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// What the compiler needs to know about the host a policy is applied on: its addresses ("Me"), its
/// DNS, WINS and DHCP servers and default gateways (the server tokens), and how to resolve DNS names.
/// Immutable. Tests build one by hand; <see cref="Discover"/> reads the running system.
/// </summary>
public sealed class HostContext
{
    private static readonly NameResolver NoResolver = name => NameResolution.Failure(name, "This host context resolves no names.");

    /// <summary>The host's unicast addresses, IPv4 and IPv6, with their interfaces.</summary>
    public IReadOnlyList<HostAddress> Addresses { get; init; } = Array.Empty<HostAddress>();

    public IReadOnlyList<IPAddress> DnsServers { get; init; } = Array.Empty<IPAddress>();

    public IReadOnlyList<IPAddress> WinsServers { get; init; } = Array.Empty<IPAddress>();

    /// <summary>The DHCP servers that leased the host its addresses (the DHCP server identifier).</summary>
    public IReadOnlyList<IPAddress> DhcpServers { get; init; } = Array.Empty<IPAddress>();

    public IReadOnlyList<IPAddress> Gateways { get; init; } = Array.Empty<IPAddress>();

    /// <summary>Resolves DNS names; by default every name fails to resolve.</summary>
    public NameResolver Resolver { get; init; } = NoResolver;

    /// <summary>The interface this context is restricted to (the engine binds to one adapter); null for all.</summary>
    public string? InterfaceAlias { get; init; }

    /// <summary>Where the facts came from ("system", "manual"), for display.</summary>
    public string Origin { get; init; } = "manual";

    /// <summary>A host with no addresses, no servers and no resolver.</summary>
    public static HostContext Empty { get; } = new();

    /// <summary>The running system's context (see <see cref="HostDiscovery"/>), optionally for one interface.</summary>
    public static HostContext Discover(string? interfaceAlias = null) => HostDiscovery.Discover(interfaceAlias);

    /// <summary>A hand-made context with these addresses (IPv4 or IPv6 text) and nothing else.</summary>
    public static HostContext ForAddresses(params string[] addresses) => new()
    {
        Addresses = addresses.Select(a => new HostAddress(ParseIp(a))).ToList(),
    };

    /// <summary>A resolver that answers from a table (name to addresses) and fails every other name.</summary>
    public static NameResolver TableResolver(IReadOnlyDictionary<string, string[]> table)
    {
        var entries = table.ToDictionary(e => e.Key.TrimEnd('.'), e => e.Value.Select(ParseIp).ToList(), StringComparer.OrdinalIgnoreCase);
        return name => entries.TryGetValue(name.TrimEnd('.'), out var addresses)
            ? NameResolution.Success(name, addresses)
            : NameResolution.Failure(name, $"'{name}' is not a known host (NXDOMAIN).");
    }

    /// <summary>
    /// The same context with only the addresses of one interface. Servers stay as they are: they are
    /// host-wide facts here, and discovery already reads them for the interface it is asked about.
    /// </summary>
    public HostContext RestrictTo(string interfaceAlias)
    {
        var addresses = Addresses.Where(a => string.Equals(a.InterfaceAlias, interfaceAlias, StringComparison.OrdinalIgnoreCase)).ToList();
        return With(addresses, interfaceAlias);
    }

    /// <summary>The addresses that the server token stands for on this host.</summary>
    public IReadOnlyList<IPAddress> ServersFor(FilterAddressKind token) => token switch
    {
        FilterAddressKind.Dns => DnsServers,
        FilterAddressKind.Wins => WinsServers,
        FilterAddressKind.Dhcp => DhcpServers,
        FilterAddressKind.Gateway => Gateways,
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, "Not a server token."),
    };

    public override string ToString() =>
        $"{Origin}{(InterfaceAlias is null ? string.Empty : $" ({InterfaceAlias})")}: Me = {Join(Addresses.Select(a => a.Address))}; "
        + $"Dns = {Join(DnsServers)}; Wins = {Join(WinsServers)}; Dhcp = {Join(DhcpServers)}; Gateway = {Join(Gateways)}";

    /// <summary>The same context resolving names with <paramref name="resolver"/> (scripts cannot set init-only properties).</summary>
    public HostContext WithResolver(NameResolver resolver) =>
        With(Addresses, InterfaceAlias, resolver ?? throw new ArgumentNullException(nameof(resolver)));

    private HostContext With(IReadOnlyList<HostAddress> addresses, string? interfaceAlias, NameResolver? resolver = null) => new()
    {
        Addresses = addresses,
        DnsServers = DnsServers,
        WinsServers = WinsServers,
        DhcpServers = DhcpServers,
        Gateways = Gateways,
        Resolver = resolver ?? Resolver,
        InterfaceAlias = interfaceAlias,
        Origin = Origin,
    };

    private static string Join(IEnumerable<IPAddress> addresses)
    {
        var text = string.Join(", ", addresses);
        return text.Length == 0 ? "none" : text;
    }

    private static IPAddress ParseIp(string text) => FilterAddress.TryParseIp(text, out var address)
        ? address
        : throw new PolicyException(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument, $"'{text}' is not an IP address.", text);
}
