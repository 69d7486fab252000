using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace IpSecPolicy.Shell.Demo;

/// <summary>
/// A demo's network namespaces (named <c>ipsecpolicy-demo-PID-ROLE</c>), joined by veth pairs,
/// each with its own store and state directory under one scratch directory; removed on Dispose
/// with everything in them (processes, engine sockets, state, stores). Each demo step is the shell
/// itself run inside a namespace (ip netns exec), so the cmdlets find that namespace's engine as an
/// administrator's would.
/// </summary>
internal sealed class DemoNetwork : IDisposable
{
    private readonly string tag = $"{Environment.ProcessId}";
    private readonly List<string> roles = [];
    private readonly List<Process> background = [];
    private Dictionary<string, string>? steps;

    public DemoNetwork(string demo)
    {
        Scratch = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-{demo}-demo-{tag}");
        Directory.CreateDirectory(Scratch);
    }

    public string Scratch { get; }

    /// <summary>The shell that runs the steps: this program.</summary>
    public static string Shell => Path.Combine(AppContext.BaseDirectory, "ipsecpolicy-shell.dll");

    /// <summary>Why the demos cannot run here, or null when it can (Linux, root, ip and nft).</summary>
    public static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the engine runs on Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "it needs root (network namespaces, nftables, a TUN device)";
        }

        foreach (var program in new[] { "ip", "nft" })
        {
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(directory => File.Exists(Path.Combine(directory, program))))
            {
                return $"'{program}' is not installed (apt-get install {(program == "ip" ? "iproute2" : "nftables")})";
            }
        }

        return null;
    }


    public string Namespace(string role) => $"ipsecpolicy-demo-{tag}-{role}";

    /// <summary>A new namespace with its loopback up.</summary>
    public void AddNamespace(string role)
    {
        Check("ip", "netns", "add", Namespace(role));
        roles.Add(role);
        Check("ip", "-n", Namespace(role), "link", "set", "lo", "up");
    }

    /// <summary>
    /// Joins two namespaces with a veth pair, <paramref name="deviceA"/> in the first with
    /// <paramref name="addressA"/> (prefix included, e.g. 192.0.2.1/24), and returns once both ends are up.
    /// </summary>
    public void Link(string roleA, string deviceA, string addressA, string roleB, string deviceB, string addressB)
    {
        Check("ip", "-n", Namespace(roleA), "link", "add", deviceA, "type", "veth", "peer", "name", deviceB, "netns", Namespace(roleB));
        foreach (var (role, device, address) in new[] { (roleA, deviceA, addressA), (roleB, deviceB, addressB) })
        {
            Check("ip", "-n", Namespace(role), "addr", "add", address, "dev", device);
            Check("ip", "-n", Namespace(role), "link", "set", device, "up");
        }

        // The engine binds to an adapter that is up: a veth is once both of its ends are.
        var watch = Stopwatch.StartNew();
        while (!IsUp(roleA, deviceA) || !IsUp(roleB, deviceB))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"The demo's veth pair {deviceA}-{deviceB} did not come up within 10 s.");
            }

            System.Threading.Thread.Sleep(20);
        }
    }

    /// <summary>Runs a step script (embedded as Demo.NAME) in the shell inside the namespace; its output goes to ours.</summary>
    public int RunStep(string role, string step, params string[] arguments) =>
        Run(role, ["dotnet", Shell, StepPath(step), .. arguments]);

    /// <summary>Runs the shell with these arguments inside the namespace; its output goes to ours.</summary>
    public int RunShell(string role, params string[] arguments) => Run(role, ["dotnet", Shell, .. arguments]);

    /// <summary>
    /// Starts a step script in the background inside the namespace, its output read by the caller;
    /// it is killed on Dispose if it is still running.
    /// </summary>
    public Process StartStep(string role, string step, params string[] arguments)
    {
        var start = StartInfo(role, ["dotnet", Shell, StepPath(step), .. arguments]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("ip did not start");
        background.Add(process);
        return process;
    }

    /// <summary>The last lines of the engine log in a namespace's state directory (for a failed step).</summary>
    public string EngineLogTail(string role, int lines)
    {
        var path = Path.Combine(StateDirectory(role), "engine.log");
        return File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines)) : "(no engine log)";
    }

    public string StateDirectory(string role) => Path.Combine(Scratch, role, "state");

    public void Dispose()
    {
        foreach (var process in background)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        foreach (var role in roles)
        {
            var space = Namespace(role);
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

    private int Run(string role, string[] command)
    {
        using var process = Process.Start(StartInfo(role, command)) ?? throw new InvalidOperationException("ip did not start");
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>ip netns exec with the namespace's own store and state directory.</summary>
    private ProcessStartInfo StartInfo(string role, string[] command)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false };
        foreach (var argument in new[] { "netns", "exec", Namespace(role) }.Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["IPSECPOLICY_STORE"] = Path.Combine(Scratch, role, "store");
        start.Environment["IPSECPOLICY_STATE_DIR"] = StateDirectory(role);
        return start;
    }

    /// <summary>The embedded step scripts, written to the scratch directory the first time one is needed.</summary>
    private string StepPath(string step)
    {
        if (steps is null)
        {
            steps = new Dictionary<string, string>();
            var assembly = Assembly.GetExecutingAssembly();
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Demo.", StringComparison.Ordinal)))
            {
                var name = resource["Demo.".Length..];
                var path = Path.Combine(Scratch, name);
                using (var stream = assembly.GetManifestResourceStream(resource)!)
                using (var file = File.Create(path))
                {
                    stream.CopyTo(file);
                }

                steps[name] = path;
            }
        }

        return steps[step];
    }

    private bool IsUp(string role, string device) =>
        Output("ip", "-n", Namespace(role), "-o", "link", "show", device).Contains("state UP", StringComparison.Ordinal);

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
