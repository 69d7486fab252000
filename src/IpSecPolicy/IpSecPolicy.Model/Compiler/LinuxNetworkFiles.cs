using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// Reads the server facts Linux keeps in files, below a root directory (tests point it at a fake
/// tree). Every reader tolerates a missing or malformed file by returning nothing: a host without
/// dhclient simply has no known DHCP server. Sources and their formats are listed in
/// docs/policy-compiler.md.
/// </summary>
internal sealed class LinuxNetworkFiles
{
    private static readonly Regex LeaseBlock = new(@"lease\s*\{(?<body>[^}]*)\}", RegexOptions.CultureInvariant);
    private static readonly Regex LeaseInterface = new(@"interface\s+""(?<name>[^""]+)""\s*;", RegexOptions.CultureInvariant);

    private readonly string root;

    public LinuxNetworkFiles(string root)
    {
        this.root = root;
    }

    /// <summary>
    /// Name servers from resolv.conf. When /etc/resolv.conf names only systemd-resolved's local
    /// listener (127.0.0.53), the real upstream servers are read from /run/systemd/resolve/resolv.conf.
    /// Loopback servers are dropped: traffic to them never leaves the host.
    /// </summary>
    public IReadOnlyList<IPAddress> DnsServers()
    {
        var configured = NameServers("etc/resolv.conf");
        var upstream = configured.Where(a => !IPAddress.IsLoopback(a)).ToList();
        if (upstream.Count == 0)
        {
            upstream = NameServers("run/systemd/resolve/resolv.conf").Where(a => !IPAddress.IsLoopback(a)).ToList();
        }

        return upstream.Distinct().ToList();
    }

    /// <summary>Next hops of the default routes (IPv4 from /proc/net/route, IPv6 from /proc/net/ipv6_route).</summary>
    public IReadOnlyList<(string Interface, IPAddress Gateway)> DefaultGateways()
    {
        var result = new List<(string, IPAddress)>();
        foreach (var line in Lines("proc/net/route").Skip(1))
        {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask ...: hex, little-endian IPv4.
            var f = line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 8 && f[1] == "00000000" && f[7] == "00000000"
                && uint.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var gateway) && gateway != 0)
            {
                result.Add((f[0], new IPAddress(gateway)));
            }
        }

        foreach (var line in Lines("proc/net/ipv6_route"))
        {
            // dest destlen src srclen nexthop metric refcnt use flags iface: hex, network order.
            var f = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 10 && f[1] == "00" && f[0].Trim('0').Length == 0 && f[4].Trim('0').Length > 0 && f[4].Length == 32)
            {
                var bytes = Enumerable.Range(0, 16).Select(i => byte.Parse(f[4].Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
                result.Add((f[9], new IPAddress(bytes)));
            }
        }

        return result;
    }

    /// <summary>
    /// DHCP server identifiers from the lease files of dhclient (ISC, also NetworkManager's dhclient
    /// backend), NetworkManager's internal client and systemd-networkd, newest lease per file last.
    /// </summary>
    public IReadOnlyList<(string? Interface, IPAddress Server)> DhcpServers()
    {
        var result = new List<(string?, IPAddress)>();
        foreach (var file in Files("var/lib/dhcp", "dhclient*.lease*").Concat(Files("var/lib/dhclient", "*.lease*"))
            .Concat(Files("var/lib/NetworkManager", "dhclient*.lease")))
        {
            result.AddRange(DhclientOption(file, "dhcp-server-identifier"));
        }

        foreach (var file in Files("var/lib/NetworkManager", "internal-*.lease"))
        {
            // internal-<connection uuid>-<interface>.lease, key=value lines.
            var name = Path.GetFileNameWithoutExtension(file);
            var iface = name.Substring(name.LastIndexOf('-') + 1);
            result.AddRange(KeyValueAddresses(file, "SERVER_ADDRESS").Select(a => ((string?)iface, a)));
        }

        foreach (var file in Files("run/systemd/netif/leases", "*"))
        {
            // The file is named after the interface index.
            result.AddRange(KeyValueAddresses(file, "SERVER_ADDRESS").Select(a => (InterfaceOfIndex(Path.GetFileName(file)), a)));
        }

        return result;
    }

    /// <summary>
    /// WINS (NetBIOS name) servers: dhclient's netbios-name-servers option and Samba's
    /// "wins server" setting. Linux itself has no WINS client; these are the only places it is configured.
    /// </summary>
    public IReadOnlyList<(string? Interface, IPAddress Server)> WinsServers()
    {
        var result = new List<(string?, IPAddress)>();
        foreach (var file in Files("var/lib/dhcp", "dhclient*.lease*").Concat(Files("var/lib/dhclient", "*.lease*"))
            .Concat(Files("var/lib/NetworkManager", "dhclient*.lease")))
        {
            result.AddRange(DhclientOption(file, "netbios-name-servers"));
        }

        foreach (var line in Lines("etc/samba/smb.conf"))
        {
            var text = line.Trim();
            if (text.StartsWith("#", StringComparison.Ordinal) || text.StartsWith(";", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = text.IndexOf('=');
            if (equals > 0 && Regex.IsMatch(text.Substring(0, equals).Trim(), @"^wins\s+server$", RegexOptions.IgnoreCase))
            {
                result.AddRange(Addresses(text.Substring(equals + 1)).Select(a => ((string?)null, a)));
            }
        }

        return result;
    }

    private IEnumerable<(string? Interface, IPAddress Server)> DhclientOption(string file, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        var optionLine = new Regex($@"option\s+{Regex.Escape(option)}\s+(?<value>[^;]+);", RegexOptions.CultureInvariant);
        foreach (Match block in LeaseBlock.Matches(text))
        {
            var body = block.Groups["body"].Value;
            var iface = LeaseInterface.Match(body);
            var value = optionLine.Match(body);
            if (value.Success)
            {
                foreach (var address in Addresses(value.Groups["value"].Value))
                {
                    yield return (iface.Success ? iface.Groups["name"].Value : null, address);
                }
            }
        }
    }

    private IEnumerable<IPAddress> KeyValueAddresses(string file, string key) =>
        Lines(file, rooted: true)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .SelectMany(l => Addresses(l.Substring(key.Length + 1)));

    private List<IPAddress> NameServers(string relative) =>
        Lines(relative)
            .Select(l => l.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2 && f[0] == "nameserver")
            .SelectMany(f => Addresses(f[1]))
            .ToList();

    private string? InterfaceOfIndex(string index)
    {
        foreach (var directory in Directories("sys/class/net"))
        {
            var text = Lines(Path.Combine(directory, "ifindex"), rooted: true).FirstOrDefault()?.Trim();
            if (text == index)
            {
                return Path.GetFileName(directory);
            }
        }

        return null;
    }

    private static IEnumerable<IPAddress> Addresses(string text)
    {
        foreach (var part in text.Split(new[] { ',', ' ', '\t', '"' }, StringSplitOptions.RemoveEmptyEntries))
        {
            // A scoped IPv6 server (fe80::1%eth0) cannot be a filter address; drop the zone.
            var candidate = part.Split('%')[0];
            if (FilterAddress.TryParseIp(candidate, out var address))
            {
                yield return address;
            }
        }
    }

    private IEnumerable<string> Lines(string path, bool rooted = false)
    {
        var full = rooted ? path : Path.Combine(root, path);
        try
        {
            return File.Exists(full) ? File.ReadAllLines(full) : Array.Empty<string>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private IEnumerable<string> Files(string relative, string pattern)
    {
        var directory = Path.Combine(root, relative);
        try
        {
            return Directory.Exists(directory) ? Directory.GetFiles(directory, pattern).OrderBy(f => f, StringComparer.Ordinal).ToArray() : Array.Empty<string>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private IEnumerable<string> Directories(string relative)
    {
        var directory = Path.Combine(root, relative);
        try
        {
            return Directory.Exists(directory) ? Directory.GetDirectories(directory) : Array.Empty<string>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
