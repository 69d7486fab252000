using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// A small network of namespaces joined by veth pairs, made for one test and removed with
/// everything in it (processes, namespaces, engine sockets, scratch files). Needs root.
/// </summary>
internal sealed class Lab : IDisposable
{
    private readonly string tag = Guid.NewGuid().ToString("N")[..6];
    private readonly string scratch;
    private readonly List<LabHost> hosts = new();

    public Lab()
    {
        Assert.True(Environment.IsPrivilegedProcess, "The scenario tests need root (ip netns add); run them as root.");
        scratch = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-lab-{tag}");
    }

    /// <summary>A new namespace with its loopback up.</summary>
    public LabHost AddHost(string role)
    {
        var host = new LabHost($"ipsp-{tag}-{role}", Path.Combine(scratch, role));
        hosts.Add(host);
        Command.Check("ip", "netns", "add", host.Name);
        Command.Check("ip", "-n", host.Name, "link", "set", "lo", "up");
        var link = Command.Check("ip", "netns", "exec", host.Name, "readlink", "/proc/self/ns/net").Trim();
        host.Id = "net-" + link.Split('[', ']')[1];
        return host;
    }

    /// <summary>
    /// Joins two hosts with a veth pair named after the far side (<c>to-ROLE</c>) with these
    /// addresses (prefix included, e.g. 10.0.0.1/24). A host's first link is the one its engine binds to.
    /// </summary>
    public void Link(LabHost a, string aAddress, LabHost b, string bAddress)
    {
        string aEnd = "to-" + Role(b), bEnd = "to-" + Role(a);
        Command.Check("ip", "-n", a.Name, "link", "add", aEnd, "type", "veth", "peer", "name", bEnd, "netns", b.Name);
        Configure(a, aEnd, aAddress);
        Configure(b, bEnd, bAddress);
        WaitUntilUp(a, aEnd);
        WaitUntilUp(b, bEnd);
    }

    /// <summary>Another address on one of the host's interfaces (IPv6 without duplicate address detection, usable at once).</summary>
    public static void AddAddress(LabHost host, string interfaceName, string address)
    {
        var arguments = new List<string> { "-n", host.Name, "addr", "add", address, "dev", interfaceName };
        if (address.Contains(':', StringComparison.Ordinal))
        {
            arguments.Add("nodad");
        }

        Command.Check("ip", arguments.ToArray());
    }

    /// <summary>A route in <paramref name="host"/> to <paramref name="prefix"/> through <paramref name="via"/>.</summary>
    public static void Route(LabHost host, string prefix, string via) =>
        Command.Check("ip", "-n", host.Name, "route", "add", prefix, "via", via);

    /// <summary>Makes <paramref name="host"/> a router (IPv4 and IPv6 forwarding).</summary>
    public static void Forward(LabHost host)
    {
        host.Check("sysctl", "-qw", "net.ipv4.ip_forward=1");
        host.Check("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
    }

    /// <summary>Source NAT with port remapping on <paramref name="host"/> for what leaves through <paramref name="outInterface"/>.</summary>
    public static void Masquerade(LabHost host, string outInterface)
    {
        Forward(host);
        var script = $"table ip lab_nat {{\n chain post {{\n  type nat hook postrouting priority srcnat; policy accept;\n  oifname \"{outInterface}\" masquerade random\n }}\n}}\n";
        var path = Path.Combine(host.Scratch, "nat.nft");
        File.WriteAllText(path, script);
        host.Check("nft", "-f", path);
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.StopEngineProcess();
            var (_, pids) = Command.Run("ip", new[] { "netns", "pids", host.Name });
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Command.Run("kill", new[] { "-KILL", pid });
            }

            Command.Run("ip", new[] { "netns", "del", host.Name });
            var run = Path.Combine(ControlPaths.RunDirectory, host.Id);
            if (host.Id.Length > 0 && Directory.Exists(run))
            {
                Directory.Delete(run, recursive: true);
            }
        }

        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private string Role(LabHost host) => host.Name[$"ipsp-{tag}-".Length..];

    private static void Configure(LabHost host, string interfaceName, string address)
    {
        Command.Check("ip", "-n", host.Name, "addr", "add", address, "dev", interfaceName);
        Command.Check("ip", "-n", host.Name, "link", "set", interfaceName, "up");
        if (host.Interface.Length == 0)
        {
            host.Interface = interfaceName;
            host.Address = address.Split('/')[0];
        }
    }

    private static void WaitUntilUp(LabHost host, string interfaceName)
    {
        var watch = Stopwatch.StartNew();
        while (!Command.Check("ip", "-n", host.Name, "-o", "link", "show", "dev", interfaceName).Contains("state UP", StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{interfaceName} in {host.Name} did not come up within 10 s.");
            System.Threading.Thread.Sleep(20);
        }
    }
}
