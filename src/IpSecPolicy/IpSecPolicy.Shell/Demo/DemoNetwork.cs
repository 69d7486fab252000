using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace IpSecPolicy.Shell.Demo;

/// <summary>
/// Two network namespaces joined by a veth pair (192.0.2.1/24 and 192.0.2.2/24, TEST-NET-1), each
/// with its own store and state directory; removed with everything in them on Dispose.
/// </summary>
internal sealed class DemoNetwork : IDisposable
{
    public const string AddressA = "192.0.2.1";
    public const string AddressB = "192.0.2.2";

    private readonly string tag = $"{Environment.ProcessId}";

    private DemoNetwork()
    {
        Scratch = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-engine-demo-{tag}");
    }

    public string Scratch { get; }

    public string NamespaceA => $"ipsecpolicy-demo-{tag}-a";

    public string NamespaceB => $"ipsecpolicy-demo-{tag}-b";

    public static DemoNetwork Create(TextWriter output)
    {
        var network = new DemoNetwork();
        try
        {
            network.Build(output);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Runs a program in a namespace with the given store; its output goes to ours.</summary>
    public int Run(string space, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", space }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ip did not start");
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        foreach (var space in new[] { NamespaceA, NamespaceB })
        {
            var inode = NamespaceInode(space);
            foreach (var pid in Output("ip", "netns", "pids", space).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Output("kill", "-KILL", pid);
            }

            Output("ip", "netns", "del", space);
            var run = Path.Combine("/run/ipsecpolicy", $"net-{inode}");
            if (inode.Length > 0 && Directory.Exists(run))
            {
                Directory.Delete(run, recursive: true);
            }
        }

        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }
    }

    private void Build(TextWriter output)
    {
        output.WriteLine($"Creating namespaces {NamespaceA} ({AddressA}) and {NamespaceB} ({AddressB}), joined by a veth pair.");
        Directory.CreateDirectory(Scratch);
        Check("ip", "netns", "add", NamespaceA);
        Check("ip", "netns", "add", NamespaceB);
        Check("ip", "-n", NamespaceA, "link", "add", "veth-a", "type", "veth", "peer", "name", "veth-b", "netns", NamespaceB);
        foreach (var (space, device, address) in new[] { (NamespaceA, "veth-a", AddressA), (NamespaceB, "veth-b", AddressB) })
        {
            Check("ip", "-n", space, "link", "set", "lo", "up");
            Check("ip", "-n", space, "addr", "add", address + "/24", "dev", device);
            Check("ip", "-n", space, "link", "set", device, "up");
        }

        // The engine binds to an adapter that is up: a veth is once both of its ends are.
        var watch = Stopwatch.StartNew();
        while (!Output("ip", "-n", NamespaceA, "-o", "link", "show", "veth-a").Contains("state UP", StringComparison.Ordinal)
               || !Output("ip", "-n", NamespaceB, "-o", "link", "show", "veth-b").Contains("state UP", StringComparison.Ordinal))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException("The demo's veth pair did not come up within 10 s.");
            }

            System.Threading.Thread.Sleep(20);
        }
    }

    private static string NamespaceInode(string space)
    {
        var link = Output("ip", "netns", "exec", space, "readlink", "/proc/self/ns/net");
        var open = link.IndexOf('[');
        var close = link.IndexOf(']');
        return open >= 0 && close > open ? link[(open + 1)..close] : string.Empty;
    }

    private static void Check(string program, params string[] arguments)
    {
        var (code, _, error) = Execute(program, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} failed: {error.Trim()}");
        }
    }

    private static string Output(string program, params string[] arguments) => Execute(program, arguments).Output;

    private static (int Code, string Output, string Error) Execute(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
