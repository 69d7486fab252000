using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Tests.Scenarios;

/// <summary>
/// One network namespace of a <see cref="Lab"/>: its interface and address, its own store and
/// state, and the real engine and shell run inside it.
/// </summary>
internal sealed class LabHost
{
    private static readonly string Bin = AppContext.BaseDirectory;
    private static readonly string EnginePath = Path.Combine(Bin, "ipsecpolicy-engine.dll");
    private static readonly string ShellPath = Path.Combine(Bin, "ipsecpolicy-shell.dll");

    private Process? engine;
    private StringBuilder? engineLog;

    public LabHost(string name, string scratch)
    {
        Name = name;
        Scratch = scratch;
        Directory.CreateDirectory(scratch);
    }

    /// <summary>The namespace's name (ip netns).</summary>
    public string Name { get; }

    public string Scratch { get; }

    /// <summary>The interface the engine binds to and the host's address on it.</summary>
    public string Interface { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    /// <summary>"net-INODE": where the cmdlets inside look for the engine.</summary>
    public string Id { get; set; } = string.Empty;

    public string StorePath => Path.Combine(Scratch, "store");

    public string StateDirectory => Path.Combine(Scratch, "state");

    public string SocketPath => Path.Combine(ControlPaths.RunDirectory, Id, "engine.sock");

    public string EngineLog => engineLog is null ? string.Empty : Command.Text(engineLog);

    /// <summary>Runs a program inside the namespace to its end.</summary>
    public (int ExitCode, string Output) Run(string program, params string[] arguments) =>
        Command.Run("ip", new[] { "netns", "exec", Name, program }.Concat(arguments), timeout: TimeSpan.FromSeconds(90));

    /// <summary>Runs a program inside the namespace and throws unless it exits 0.</summary>
    public string Check(string program, params string[] arguments)
    {
        var (code, output) = Run(program, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} in {Name} exited {code}: {output}");
    }

    public Process Start(string program, IEnumerable<string> arguments, out StringBuilder output) =>
        Command.Start("ip", new[] { "netns", "exec", Name, program }.Concat(arguments), null, out output);

    /// <summary>Runs a script through ipsecpolicy-shell inside the namespace, on this host's store; its output.</summary>
    public string RunScript(string script)
    {
        var path = Path.Combine(Scratch, $"script-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(path, script);
        var (code, output) = Command.Run("ip", new[] { "netns", "exec", Name, "dotnet", ShellPath, path },
            new Dictionary<string, string> { [PolicyStore.EnvironmentVariable] = StorePath }, TimeSpan.FromSeconds(90));
        Assert.True(code == 0, $"the script in {Name} exited {code}:\n{output}\n{script}");
        return output;
    }

    /// <summary>Starts the engine on this host's store and waits until its control socket answers.</summary>
    public void StartEngine()
    {
        engine = Start("dotnet", new[] { EnginePath, "--interface", Interface, "--store", StorePath, "--state-dir", StateDirectory, "--log-level", "Debug" },
            out engineLog);
        var client = new ControlClient(SocketPath);
        var watch = Stopwatch.StartNew();
        while (!client.IsEngineRunning())
        {
            // The log is read on failure only, and under the output handlers' lock: an unlocked
            // read on every pass raced their appends (StringBuilder is not thread-safe).
            if (engine.HasExited)
            {
                engine.WaitForExit();
                Assert.Fail($"the engine in {Name} exited:\n{Command.Text(engineLog!)}");
            }

            if (watch.Elapsed >= TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"the engine in {Name} did not answer within 30 s:\n{Command.Text(engineLog!)}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Whether the engine process ended (crashed, or stopped), for test messages.</summary>
    public string EngineState => engine is null ? "not started" : engine.HasExited ? $"exited with {engine.ExitCode}" : "running";

    /// <summary>SIGKILL: no clean stop, nothing withdrawn.</summary>
    public void KillEngine()
    {
        engine!.Kill();
        engine.WaitForExit();
    }

    /// <summary>Pings <paramref name="address"/> until one reply comes or the time is up; true on a reply.</summary>
    public bool Ping(string address, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            if (Run("ping", "-c", "1", "-W", "1", address).ExitCode == 0)
            {
                return true;
            }
        }
        while (watch.Elapsed < within);
        return false;
    }

    /// <summary>Sends <paramref name="count"/> pings one after the other; how many were answered.</summary>
    public int PingCount(string address, int count)
    {
        var (_, output) = Run("ping", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", address);
        var line = output.Split('\n').FirstOrDefault(l => l.Contains("received", StringComparison.Ordinal)) ?? string.Empty;
        var parts = line.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length > 1 ? int.Parse(parts[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>A TCP server on <paramref name="port"/> (all addresses) that answers every connection with "pong".</summary>
    public void StartTcpServer(int port)
    {
        var server = Start("socat", new[] { $"TCP6-LISTEN:{port},reuseaddr,fork,ipv6only=0", "SYSTEM:echo pong" }, out _);
        var watch = Stopwatch.StartNew();
        while (!Run("ss", "-ltn", $"sport = :{port}").Output.Contains($":{port}", StringComparison.Ordinal))
        {
            Assert.False(server.HasExited, "socat did not start");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "socat did not listen within 10 s");
            Thread.Sleep(20);
        }
    }

    /// <summary>A UDP server on <paramref name="port"/> (IPv4) that answers every datagram with "pong".</summary>
    public void StartUdpServer(int port)
    {
        var server = Start("socat", new[] { $"UDP4-RECVFROM:{port},reuseaddr,fork", "SYSTEM:echo pong" }, out _);
        var watch = Stopwatch.StartNew();
        while (!Run("ss", "-lun", $"sport = :{port}").Output.Contains($":{port}", StringComparison.Ordinal))
        {
            Assert.False(server.HasExited, "socat did not start");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "socat did not listen within 10 s");
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends a datagram to a <see cref="StartUdpServer"/> server; true when "pong" came back.</summary>
    public bool UdpRequest(string address, int port, int timeoutSeconds = 3)
    {
        var (code, output) = Run("sh", "-c", $"echo ping | timeout {timeoutSeconds + 1} socat -T {timeoutSeconds} - UDP4:{address}:{port}");
        return code == 0 && output.Contains("pong", StringComparison.Ordinal);
    }

    /// <summary>Connects to a <see cref="StartTcpServer"/> server; true when it answered within <paramref name="timeoutSeconds"/>.</summary>
    public bool TcpRequest(string address, int port, int timeoutSeconds = 5)
    {
        var target = address.Contains(':', StringComparison.Ordinal) ? $"TCP6:[{address}]:{port}" : $"TCP4:{address}:{port}";
        var (code, output) = Run("timeout", (timeoutSeconds + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "socat", "-T", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-", $"{target},connect-timeout={timeoutSeconds}");
        return code == 0 && output.Contains("pong", StringComparison.Ordinal);
    }

    public void StopEngineProcess()
    {
        if (engine is { HasExited: false })
        {
            engine.Kill();
            engine.WaitForExit();
        }

        engine?.Dispose();
    }
}
