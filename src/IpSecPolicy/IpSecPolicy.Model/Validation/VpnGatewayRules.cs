using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Validation;

/// <summary>
/// What a VPN gateway's and a VPN connection's settings must satisfy before they are stored; each
/// refusal is a PolicyException naming the setting (InvalidVpnGatewaySetting, InvalidVpnConnectionSetting).
/// </summary>
public static class VpnGatewayRules
{
    /// <summary>A pool larger than a /16 is a typing error, not a remote-access pool.</summary>
    public const int MaxPoolSize = 65536;

    /// <summary>RFC 1877 has two options each for DNS and for NBNS (WINS) servers.</summary>
    public const int MaxServersEach = 2;

    /// <summary>One day: beyond it an idle timer is the same as none.</summary>
    public const int MaxIdleDisconnectSeconds = 86400;

    public const int MaxSessionsLimit = 65535;

    /// <summary>The range as its first and last address; refused unless IPv4, ordered and of a sensible size.</summary>
    public static (IPAddress First, IPAddress Last) ParseAddressRange(string text)
    {
        var parts = (text ?? string.Empty).Split('-');
        if (parts.Length != 2 || !FilterAddress.TryParseIp(parts[0], out var first) || !FilterAddress.TryParseIp(parts[1], out var last))
        {
            throw Gateway($"'{text}' is not an address range. Write first-last, e.g. 192.168.50.10-192.168.50.200.", "AddressRange");
        }

        if (first.AddressFamily != AddressFamily.InterNetwork || last.AddressFamily != AddressFamily.InterNetwork)
        {
            throw Gateway($"The address range '{text}' must be IPv4: PPP (IPCP) assigns IPv4 addresses only.", "AddressRange");
        }

        if (IpMath.Compare(first, last) > 0)
        {
            throw Gateway($"The address range '{text}' ends before it starts.", "AddressRange");
        }

        var size = (long)ToNumber(last) - ToNumber(first) + 1;
        if (size > MaxPoolSize)
        {
            throw Gateway($"The address range '{text}' holds {size.ToString(CultureInfo.InvariantCulture)} addresses; at most {MaxPoolSize.ToString(CultureInfo.InvariantCulture)} are allowed.", "AddressRange");
        }

        foreach (var address in new[] { first, last })
        {
            Unicast(address, "AddressRange");
        }

        return (first, last);
    }

    /// <summary>
    /// One of the gateway's addresses (-LocalAddress, -DnsServer, -WinsServer) as written: a dotted
    /// quad or an IPv6 address (which <see cref="Check(VpnGateway)"/> then refuses with its reason).
    /// </summary>
    public static IPAddress ParseAddress(string text, string setting) =>
        FilterAddress.TryParseIp(text ?? string.Empty, out var address)
            ? address
            : throw Gateway($"'{text}' is not an IP address (-{setting} takes IPv4 addresses such as 192.168.1.10).", setting);

    /// <summary>The VPN gateway's address (-ServerAddress): an IPv4 or IPv6 address, not a name (the generated filter needs the address).</summary>
    public static IPAddress ParseServerAddress(string text) =>
        FilterAddress.TryParseIp(text ?? string.Empty, out var address)
            ? address
            : throw Connection($"'{text}' is not an IP address. Give the VPN gateway's address (a name is not resolved: the generated filter needs the address).", "ServerAddress");

    /// <summary>Refuses settings the gateway could not run with.</summary>
    public static void Check(VpnGateway gateway)
    {
        if (string.IsNullOrWhiteSpace(gateway.InterfaceAlias))
        {
            throw Gateway("A VPN gateway needs the adapter it serves (-InterfaceAlias).", "InterfaceAlias");
        }

        var (first, last) = ParseAddressRange(gateway.AddressRange);
        if (gateway.LocalAddress is { } local)
        {
            if (local.AddressFamily != AddressFamily.InterNetwork)
            {
                throw Gateway($"The gateway's PPP address must be IPv4 (IPCP); {local} is not.", "LocalAddress");
            }

            Unicast(local, "LocalAddress");
        }
        else if (first.Equals(last))
        {
            throw Gateway($"The address range '{gateway.AddressRange}' holds one address, which the gateway takes for itself when -LocalAddress is not given: no address is left for clients.", "AddressRange");
        }

        Servers(gateway.DnsServers, "DnsServer");
        Servers(gateway.WinsServers, "WinsServer");
        if (gateway.AuthenticationMethods.Count == 0 || gateway.AuthenticationMethods.Distinct().Count() != gateway.AuthenticationMethods.Count)
        {
            throw Gateway("Give each PPP authentication method once, at least one (MsChapV2, Chap, Pap).", "AuthenticationMethod");
        }

        Between(gateway.MaxSessions, 1, MaxSessionsLimit, "MaxSessions");
        Between(gateway.IdleDisconnectSeconds, 0, MaxIdleDisconnectSeconds, "IdleDisconnectSeconds");
        Between(gateway.Mtu, VpnGateway.MinMtu, VpnGateway.MaxMtu, "Mtu");
    }

    /// <summary>Refuses a client connection the engine could not dial.</summary>
    public static void Check(VpnConnection connection)
    {
        if (string.IsNullOrWhiteSpace(connection.InterfaceAlias))
        {
            throw Connection("A VPN connection needs the adapter the engine serves (-InterfaceAlias).", "InterfaceAlias");
        }

        var server = connection.ServerAddress;
        if (server.Equals(IPAddress.None) || server.Equals(IPAddress.Any) || server.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(server)
            || server.IsIPv6Multicast || IsIPv4Multicast(server))
        {
            throw Connection($"'{server}' is not an address a VPN gateway can have.", "ServerAddress");
        }

        var name = connection.UserName ?? string.Empty;
        var nameBytes = System.Text.Encoding.UTF8.GetByteCount(name);
        if (string.IsNullOrWhiteSpace(name) || nameBytes > 255)
        {
            throw Connection("The user name must be 1 to 255 bytes in UTF-8 (PAP carries it after a one-octet length).", "UserName");
        }

        if (VpnUserRules.FirstControlCharacter(name) >= 0)
        {
            // Not quoted: the character would break the message; a gateway's user name never holds one.
            throw Connection("The user name cannot contain control or line-breaking characters.", "UserName");
        }

        if (connection.AuthenticationMethods.Count == 0 || connection.AuthenticationMethods.Distinct().Count() != connection.AuthenticationMethods.Count)
        {
            throw Connection("Give each PPP authentication method once, at least one (MsChapV2, Chap, Pap).", "AuthenticationMethod");
        }

        foreach (var route in connection.Routes)
        {
            ParseRoute(route);
        }
    }

    /// <summary>An IPv4 prefix routed through a VPN connection, e.g. 10.1.0.0/16.</summary>
    public static (IPAddress Network, int PrefixLength) ParseRoute(string text)
    {
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length == 2 && FilterAddress.TryParseIp(parts[0], out var network) && network.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is >= 0 and <= 32)
        {
            return (IpMath.Network(network, length), length);
        }

        throw Connection($"'{text}' is not an IPv4 prefix. Write network/length, e.g. 10.1.0.0/16 (the PPP link carries IPv4).", "Route");
    }

    private static void Servers(List<IPAddress> servers, string setting)
    {
        if (servers.Count > MaxServersEach)
        {
            throw Gateway($"IPCP offers at most {MaxServersEach} servers each for DNS and WINS (RFC 1877); {servers.Count} were given.", setting);
        }

        foreach (var server in servers)
        {
            if (server.AddressFamily != AddressFamily.InterNetwork)
            {
                throw Gateway($"IPCP offers IPv4 servers only (RFC 1877); {server} is not one.", setting);
            }

            Unicast(server, setting);
        }
    }

    private static void Unicast(IPAddress address, string setting)
    {
        try
        {
            VpnUserRules.CheckStaticAddress(address);
        }
        catch (PolicyException)
        {
            throw Gateway($"{address} is not a unicast IPv4 address a PPP link can use (not 0.0.0.0/8, loopback, link-local, multicast or 240.0.0.0/4).", setting);
        }
    }

    private static void Between(int value, int min, int max, string setting)
    {
        if (value < min || value > max)
        {
            throw Gateway($"-{setting} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}; {value.ToString(CultureInfo.InvariantCulture)} is not.", setting);
        }
    }

    private static bool IsIPv4Multicast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and < 240;

    private static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static PolicyException Gateway(string message, string setting) =>
        new(ErrorIds.InvalidVpnGatewaySetting, PolicyErrorCategory.InvalidArgument, message, setting);

    private static PolicyException Connection(string message, string setting) =>
        new(ErrorIds.InvalidVpnConnectionSetting, PolicyErrorCategory.InvalidArgument, message, setting);
}
