using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using IpSecPolicy.Control;

namespace Engine.Host.Tests.Support;

/// <summary>
/// A network namespace made for one test (a unique name) with one end of a veth pair, and the
/// engine paths that belong to it. Dispose kills what still runs in it (only this test's
/// processes can be in a namespace it just made), deletes it and its engine directory in /run.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name, string scratch)
    {
        Name = name;
        Scratch = scratch;
        Directory.CreateDirectory(scratch);
    }

    public string Name { get; }

    /// <summary>"net-INODE", as the engine and the cmdlets inside name it.</summary>
    public string Id { get; private set; } = string.Empty;

    public string Interface { get; private set; } = string.Empty;

    public string Address { get; private set; } = string.Empty;

    /// <summary>A temporary folder for this namespace's store, state and scripts.</summary>
    public string Scratch { get; }

    public string StorePath => Path.Combine(Scratch, "store");

    public string StateDirectory => Path.Combine(Scratch, "state");

    /// <summary>The default control socket of this namespace: what the cmdlets inside find without configuration.</summary>
    public string SocketPath => Path.Combine(ControlPaths.RunDirectory, Id, "engine.sock");

    /// <summary>Two namespaces joined by a veth pair, 198.51.100.1/24 in the first and .2 in the second.</summary>
    public static (NetworkNamespace A, NetworkNamespace B) CreatePair()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var scratch = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-netns-{tag}");
        var a = new NetworkNamespace($"ipsp-{tag}-a", Path.Combine(scratch, "a"));
        var b = new NetworkNamespace($"ipsp-{tag}-b", Path.Combine(scratch, "b"));
        try
        {
            Command.Check("ip", "netns", "add", a.Name);
            Command.Check("ip", "netns", "add", b.Name);
            Command.Check("ip", "-n", a.Name, "link", "add", "veth-a", "type", "veth", "peer", "name", "veth-b", "netns", b.Name);
            a.Configure("veth-a", "198.51.100.1");
            b.Configure("veth-b", "198.51.100.2");
            a.WaitUntilUp();
            b.WaitUntilUp();
            return (a, b);
        }
        catch
        {
            a.Dispose();
            b.Dispose();
            throw;
        }
    }

    /// <summary>Runs a program inside the namespace to its end.</summary>
    public (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Command.Run("ip", new[] { "netns", "exec", Name, program }.Concat(arguments), environment, TimeSpan.FromSeconds(90));

    /// <summary>
    /// Starts a program inside the namespace. <c>ip netns exec</c> execs it in place, so the process
    /// returned is the program itself (its id is the one the engine reports).
    /// </summary>
    public Process Start(string program, IEnumerable<string> arguments, out StringBuilder output) =>
        Command.Start("ip", new[] { "netns", "exec", Name, program }.Concat(arguments), null, out output);

    public void Dispose()
    {
        try
        {
            var (_, pids) = Command.Run("ip", new[] { "netns", "pids", Name });
            foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Command.Run("kill", new[] { "-KILL", pid });
            }

            Command.Run("ip", new[] { "netns", "del", Name });
        }
        finally
        {
            if (Id.Length > 0 && Directory.Exists(Path.Combine(ControlPaths.RunDirectory, Id)))
            {
                Directory.Delete(Path.Combine(ControlPaths.RunDirectory, Id), recursive: true);
            }

            var scratchRoot = Path.GetDirectoryName(Scratch)!;
            if (Directory.Exists(scratchRoot))
            {
                Directory.Delete(scratchRoot, recursive: true);
            }
        }
    }

    /// <summary>A veth is "up" for the engine (operstate UP) only a moment after both ends are set up.</summary>
    private void WaitUntilUp()
    {
        var watch = Stopwatch.StartNew();
        while (!Command.Check("ip", "-n", Name, "-o", "link", "show", "dev", Interface).Contains("state UP", StringComparison.Ordinal))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"{Interface} in {Name} did not come up within 10 s.");
            }

            System.Threading.Thread.Sleep(20);
        }
    }

    private void Configure(string interfaceName, string address)
    {
        Interface = interfaceName;
        Address = address;
        Command.Check("ip", "-n", Name, "link", "set", "lo", "up");
        Command.Check("ip", "-n", Name, "addr", "add", address + "/24", "dev", interfaceName);
        Command.Check("ip", "-n", Name, "link", "set", interfaceName, "up");
        var link = Command.Check("ip", "netns", "exec", Name, "readlink", "/proc/self/ns/net").Trim();
        Id = "net-" + link.Split('[', ']')[1];
    }
}
