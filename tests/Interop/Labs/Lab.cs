using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Interop.Support;
using IpSecPolicy.Control;

namespace Interop.Labs;

/// <summary>
/// A small network of namespaces joined by veth pairs, made for one test and removed with
/// everything in it (engines, peers, captures, namespaces, engine sockets, scratch files). Needs root.
/// </summary>
internal sealed class Lab : IDisposable
{
    /// <summary>The hosts' ephemeral TCP/UDP ports: a range no tshark dissector claims by port.</summary>
    public const int FirstEphemeralPort = 61000;

    public const int LastEphemeralPort = 65000;

    private readonly string tag = Guid.NewGuid().ToString("N")[..6];
    private readonly string prefix;
    private readonly string scratch;
    private readonly List<LabHost> hosts = new();
    private readonly List<IDisposable> owned = new();

    /// <param name="prefix">Starts every namespace name (PREFIX-TAG-ROLE), so that suites running side by side can tell theirs apart.</param>
    public Lab(string prefix = "ipi")
    {
        Assert.True(Environment.IsPrivilegedProcess, "The interop tests need root (ip netns add, charon, pluto); run them as root.");
        this.prefix = prefix;
        scratch = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-interop-{tag}");
    }

    /// <summary>A new namespace with its loopback up.</summary>
    public LabHost AddHost(string role)
    {
        var host = new LabHost($"{prefix}-{tag}-{role}", role, Path.Combine(scratch, role));
        hosts.Add(host);
        Command.Check("ip", "netns", "add", host.Name);
        Command.Check("ip", "-n", host.Name, "link", "set", "lo", "up");
        // Ephemeral ports from a range no Wireshark dissector claims: tshark guesses a protocol from
        // either port, and a test client's source port of 44818 made its payload a malformed
        // EtherNet/IP packet in our wire evidence (EphemeralPortRangeTests checks the range).
        Command.Check("ip", "netns", "exec", host.Name, "sysctl", "-q", "-w", $"net.ipv4.ip_local_port_range={FirstEphemeralPort} {LastEphemeralPort}");
        var link = Command.Check("ip", "netns", "exec", host.Name, "readlink", "/proc/self/ns/net").Trim();
        host.Id = "net-" + link.Split('[', ']')[1];
        return host;
    }

    /// <summary>Something the lab stops before it removes the namespaces (a peer daemon, a capture).</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        owned.Add(disposable);
        return disposable;
    }

    /// <summary>
    /// Joins two hosts with a veth pair named after the far side (<c>to-ROLE</c>) with these
    /// addresses (prefix included, e.g. 10.0.0.1/24). A host's first link is the one its engine binds to.
    /// </summary>
    public static void Link(LabHost a, string aAddress, LabHost b, string bAddress)
    {
        string aEnd = "to-" + b.Role, bEnd = "to-" + a.Role;
        Command.Check("ip", "-n", a.Name, "link", "add", aEnd, "type", "veth", "peer", "name", bEnd, "netns", b.Name);
        Configure(a, aEnd, aAddress);
        Configure(b, bEnd, bAddress);
        WaitUntilUp(a, aEnd);
        WaitUntilUp(b, bEnd);
    }

    /// <summary>A route in <paramref name="host"/> to <paramref name="prefix"/> (or "default") through <paramref name="via"/>.</summary>
    public static void Route(LabHost host, string prefix, string via) =>
        Command.Check("ip", "-n", host.Name, "route", "add", prefix, "via", via);

    /// <summary>Makes <paramref name="host"/> a router (IPv4 forwarding).</summary>
    public static void Forward(LabHost host) => host.Check("sysctl", "-qw", "net.ipv4.ip_forward=1");

    /// <summary>
    /// A home router on <paramref name="host"/>: what leaves through <paramref name="outInterface"/> is
    /// masqueraded to its address with TCP/UDP source ports remapped into 40000-49999 (so NAT-T sees
    /// the address and the port change); with <paramref name="forwardIkeTo"/>, UDP 500 and 4500
    /// arriving on <paramref name="outInterface"/> are forwarded to that inside host (a server behind
    /// NAT that can be reached).
    /// </summary>
    public static void Masquerade(LabHost host, string outInterface, string? forwardIkeTo = null)
    {
        Forward(host);
        var forward = forwardIkeTo is null ? string.Empty : $$"""
             chain pre {
              type nat hook prerouting priority dstnat; policy accept;
              iifname "{{outInterface}}" udp dport { 500, 4500 } dnat to {{forwardIkeTo}}
             }
            """;
        var script = $$"""
            table ip interop_nat {
             chain post {
              type nat hook postrouting priority srcnat; policy accept;
              oifname "{{outInterface}}" meta l4proto { tcp, udp } masquerade to :40000-49999
              oifname "{{outInterface}}" masquerade
             }
            {{forward}}
            }

            """;
        var path = Path.Combine(host.Scratch, "nat.nft");
        File.WriteAllText(path, script);
        host.Check("nft", "-f", path);
    }

    public void Dispose()
    {
        // A peer that fails to stop must not leave the namespaces behind: they go in any case, and the failure is thrown afterwards.
        var failures = new List<Exception>();
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                owned[i].Dispose();
            }
            catch (Exception failure)
            {
                failures.Add(failure);
            }
        }

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

        if (Directory.Exists(scratch) && Environment.GetEnvironmentVariable(KeepScratchVariable) != "1")
        {
            Directory.Delete(scratch, recursive: true);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("stopping what the lab owned failed", failures);
        }
    }

    /// <summary>Set to 1 to keep each lab's scratch directory (logs, captures, configurations) for a post-mortem.</summary>
    public const string KeepScratchVariable = "IPSECPOLICY_INTEROP_KEEP";

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
