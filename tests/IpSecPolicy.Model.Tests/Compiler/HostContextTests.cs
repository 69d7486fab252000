using System;
using System.IO;
using System.Linq;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Tests.Compiler;

public sealed class HostContextTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-host-{Guid.NewGuid():N}");

    [Fact]
    public void Resolv_conf_servers_are_read_and_the_systemd_stub_is_looked_through()
    {
        Write("etc/resolv.conf", "# stub\nnameserver 127.0.0.53\noptions edns0\n");
        Write("run/systemd/resolve/resolv.conf", "nameserver 192.0.2.53\nnameserver 2001:db8::53\nsearch example.com\n");

        var servers = new LinuxNetworkFiles(root).DnsServers();

        Assert.Equal(new[] { "192.0.2.53", "2001:db8::53" }, servers.Select(s => s.ToString()));
    }

    [Fact]
    public void Resolv_conf_with_real_servers_is_taken_as_is()
    {
        Write("etc/resolv.conf", "nameserver 198.51.100.53\nnameserver fe80::1%eth0\n");
        Write("run/systemd/resolve/resolv.conf", "nameserver 192.0.2.53\n");

        Assert.Equal(new[] { "198.51.100.53", "fe80::1" }, new LinuxNetworkFiles(root).DnsServers().Select(s => s.ToString()));
    }

    [Fact]
    public void Default_gateways_come_from_the_proc_route_tables()
    {
        Write("proc/net/route",
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "eth0\t00000000\t0102000A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
            + "eth0\t0002000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n");
        Write("proc/net/ipv6_route",
            "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n"
            + "20010db8000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n");

        var gateways = new LinuxNetworkFiles(root).DefaultGateways();

        Assert.Equal(new[] { "eth0 10.0.2.1", "eth0 fe80::1" }, gateways.Select(g => $"{g.Interface} {g.Gateway}"));
    }

    [Fact]
    public void Dhcp_servers_come_from_dhclient_networkmanager_and_networkd_leases()
    {
        Write("var/lib/dhcp/dhclient.leases",
            "lease {\n  interface \"eth0\";\n  fixed-address 10.0.2.15;\n  option dhcp-server-identifier 10.0.2.2;\n  option netbios-name-servers 10.0.2.4, 10.0.2.5;\n}\n");
        Write("var/lib/NetworkManager/internal-6c1f-wlan0.lease", "ADDRESS=192.168.1.20\nSERVER_ADDRESS=192.168.1.1\n");
        Write("run/systemd/netif/leases/7", "# This is private data. Do not parse.\nADDRESS=172.16.0.9\nSERVER_ADDRESS=172.16.0.1\n");
        Write("sys/class/net/ens7/ifindex", "7\n");
        Write("etc/samba/smb.conf", "[global]\n; wins server = 10.9.9.9\n   wins server = 10.0.2.6\n");

        var files = new LinuxNetworkFiles(root);

        Assert.Equal(new[] { "eth0 10.0.2.2", "wlan0 192.168.1.1", "ens7 172.16.0.1" }, files.DhcpServers().Select(s => $"{s.Interface} {s.Server}"));
        Assert.Equal(new[] { "eth0 10.0.2.4", "eth0 10.0.2.5", " 10.0.2.6" }, files.WinsServers().Select(s => $"{s.Interface} {s.Server}"));
    }

    [Fact]
    public void Missing_files_mean_no_servers()
    {
        var files = new LinuxNetworkFiles(root);

        Assert.Empty(files.DnsServers());
        Assert.Empty(files.DefaultGateways());
        Assert.Empty(files.DhcpServers());
        Assert.Empty(files.WinsServers());
    }

    [Fact]
    public void Discovery_reads_this_host_and_refuses_an_unknown_interface()
    {
        var host = HostContext.Discover();

        Assert.Equal("system", host.Origin);
        Assert.All(host.Addresses, a => Assert.False(IPAddress.IsLoopback(a.Address)));
        var error = Assert.Throws<PolicyException>(() => HostContext.Discover("no-such-interface0"));
        Assert.Equal(ErrorIds.InterfaceNotFound, error.ErrorId);
        Assert.Equal(PolicyErrorCategory.ObjectNotFound, error.Category);
    }

    [Fact]
    public void A_context_restricted_to_one_interface_keeps_only_its_addresses()
    {
        var host = new HostContext
        {
            Addresses = new[] { new HostAddress(IPAddress.Parse("192.0.2.10"), "eth0"), new HostAddress(IPAddress.Parse("198.51.100.10"), "eth1") },
            DnsServers = new[] { IPAddress.Parse("192.0.2.53") },
        };

        var eth1 = host.RestrictTo("ETH1");

        Assert.Equal("198.51.100.10", Assert.Single(eth1.Addresses).Address.ToString());
        Assert.Equal("ETH1", eth1.InterfaceAlias);
        Assert.Equal(host.DnsServers, eth1.DnsServers);
        Assert.Contains("Me = 198.51.100.10", eth1.ToString());
    }

    [Fact]
    public void A_table_resolver_answers_its_names_and_fails_the_rest()
    {
        var resolver = HostContext.TableResolver(new System.Collections.Generic.Dictionary<string, string[]> { ["a.example"] = new[] { "192.0.2.1" } });

        Assert.Equal("192.0.2.1", Assert.Single(resolver("A.EXAMPLE.").Addresses).ToString());
        Assert.Contains("NXDOMAIN", resolver("b.example").Error);
        Assert.Equal("b.example: The name has no A or AAAA record.", NameResolution.Success("b.example", Array.Empty<IPAddress>()).ToString());
    }

    [Theory]
    [InlineData("10.0.0.0", "10.0.0.255", "10.0.0.0/24", 24.0)]
    [InlineData("10.0.0.5", "10.0.0.5", "10.0.0.5", 32.0)]
    [InlineData("0.0.0.0", "255.255.255.255", "Any", 0.0)]
    [InlineData("10.0.0.5", "10.0.0.8", "10.0.0.5-10.0.0.8", 30.0)]
    [InlineData("2001:db8::", "2001:db8::ffff", "2001:db8::/112", 112.0)]
    public void An_address_block_normalizes_prefixes_and_measures_its_specificity(string first, string last, string text, double bits)
    {
        var block = AddressBlock.Range(IPAddress.Parse(first), IPAddress.Parse(last));

        Assert.Equal(text, block.ToString());
        Assert.Equal(bits, block.FixedBits, 6);
        Assert.True(block.Contains(IPAddress.Parse(first)) && block.Contains(IPAddress.Parse(last)));
        Assert.True(AddressBlock.Any(block.Family).Covers(block));
        Assert.True(block.Overlaps(AddressBlock.Host(IPAddress.Parse(last))));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
