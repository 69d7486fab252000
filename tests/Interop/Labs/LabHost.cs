using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Interop.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Model.Store;

namespace Interop.Labs;

/// <summary>
/// One network namespace of a <see cref="Lab"/>: its interface and address, its own store and
/// state, and what runs inside it (the real engine and ipsecpolicy-shell, a peer, traffic).
/// </summary>
internal sealed class LabHost
{
    private static readonly string Bin = AppContext.BaseDirectory;
    private static readonly string EnginePath = Path.Combine(Bin, "ipsecpolicy-engine.dll");
    private static readonly string ShellPath = Path.Combine(Bin, "ipsecpolicy-shell.dll");

    private Process? engine;
    private StringBuilder? engineLog;

    public LabHost(string name, string role, string scratch)
    {
        Name = name;
        Role = role;
        Scratch = scratch;
        Directory.CreateDirectory(scratch);
    }

    /// <summary>The namespace's name (ip netns).</summary>
    public string Name { get; }

    /// <summary>The short name the test gave it; veth ends towards it are called <c>to-ROLE</c>.</summary>
    public string Role { get; }

    public string Scratch { get; }

    /// <summary>The host's first interface and its address on it (the engine binds to it).</summary>
    public string Interface { get; set; } = string.Empty;

    public string Address { get; set; } = string.Empty;

    /// <summary>"net-INODE": where the cmdlets inside look for the engine.</summary>
    public string Id { get; set; } = string.Empty;

    public string StorePath => Path.Combine(Scratch, "store");

    public string StateDirectory => Path.Combine(Scratch, "state");

    public string SocketPath => Path.Combine(ControlPaths.RunDirectory, Id, "engine.sock");

    /// <summary>The engine's console log (Debug level) so far.</summary>
    public string EngineLog
    {
        get
        {
            if (engineLog is null)
            {
                return string.Empty;
            }

            lock (engineLog)
            {
                return engineLog.ToString();
            }
        }
    }

    /// <summary>The IKE trace (Set-IpSecConfiguration -IkeLogging), empty when there is none.</summary>
    public string IkeTrace
    {
        get
        {
            var path = Path.Combine(StateDirectory, "ike.log");
            return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        }
    }

    /// <summary>Runs a program inside the namespace to its end.</summary>
    public (int ExitCode, string Output) Run(string program, params string[] arguments) =>
        Command.Run("ip", new[] { "netns", "exec", Name, program }.Concat(arguments), timeout: TimeSpan.FromSeconds(120));

    /// <summary>Runs a program inside the namespace and throws unless it exits 0.</summary>
    public string Check(string program, params string[] arguments)
    {
        var (code, output) = Run(program, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(" ", arguments)} in {Name} exited {code}: {output}");
    }

    public Process Start(string program, IEnumerable<string> arguments, out StringBuilder output,
        IReadOnlyDictionary<string, string>? environment = null) =>
        Command.Start("ip", new[] { "netns", "exec", Name, program }.Concat(arguments), environment, out output);

    /// <summary>Runs a script through ipsecpolicy-shell inside the namespace, on this host's store; its output.</summary>
    public string RunScript(string script)
    {
        var path = Path.Combine(Scratch, $"script-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(path, script);
        var (code, output) = Command.Run("ip", new[] { "netns", "exec", Name, "dotnet", ShellPath, path },
            new Dictionary<string, string> { [PolicyStore.EnvironmentVariable] = StorePath }, TimeSpan.FromSeconds(120));
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
            Assert.False(engine.HasExited, $"the engine in {Name} exited:\n{EngineLog}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the engine in {Name} did not answer within 30 s:\n{EngineLog}");
            Thread.Sleep(50);
        }
    }

    /// <summary>SIGKILL: no clean stop, nothing withdrawn, no DELETE sent.</summary>
    public void KillEngine()
    {
        engine!.Kill();
        engine.WaitForExit();
    }

    /// <summary>Waits until the engine log has a line containing <paramref name="text"/>; the log for the assertion message.</summary>
    public bool WaitForEngineLog(string text, TimeSpan within) => Wait.Until(() => EngineLog.Contains(text, StringComparison.Ordinal), within);

    /// <summary>The engine log lines that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> EngineLogLines(string text) =>
        EngineLog.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal)).Select(line => line.TrimEnd()).ToList();

    /// <summary>Pings <paramref name="address"/> until one reply comes or the time is up; true on a reply.</summary>
    public bool Ping(string address, TimeSpan within, string? source = null) =>
        Wait.Until(() => Run("ping", PingArguments(address, source, "-c", "1", "-W", "1")).ExitCode == 0, within, TimeSpan.Zero);

    /// <summary>Sends <paramref name="count"/> pings <paramref name="interval"/> apart; how many were answered.</summary>
    public int PingCount(string address, int count, double interval = 0.2, string? source = null)
    {
        var (_, output) = Run("ping", PingArguments(address, source, "-c", count.ToString(CultureInfo.InvariantCulture),
            "-i", interval.ToString(CultureInfo.InvariantCulture), "-W", "1"));
        return PingStream.ReceivedIn(output);
    }

    /// <summary>Starts a steady ping stream (for counting losses while SAs are rekeyed or deleted).</summary>
    public PingStream StartPingStream(string address, double interval, string? source = null) =>
        new(Start("ping", PingArguments(address, source, "-i", interval.ToString(CultureInfo.InvariantCulture), "-W", "1"), out var output), output);

    /// <summary>A TCP server on <paramref name="port"/> (all addresses) that answers every connection with "pong".</summary>
    public void StartTcpServer(int port) =>
        StartServer(new[] { $"TCP4-LISTEN:{port},reuseaddr,fork", "SYSTEM:echo pong" }, "-ltn", port);

    /// <summary>
    /// A UDP server on <paramref name="port"/> that answers every datagram with "pong". The child
    /// reads the datagram before it answers: one that answered at once could exit before socat
    /// handed it the datagram, and socat then drops the answer on the broken pipe.
    /// </summary>
    public void StartUdpServer(int port) =>
        StartServer(new[] { $"UDP4-RECVFROM:{port},reuseaddr,fork", "SYSTEM:read -r datagram; echo pong" }, "-lun", port);

    /// <summary>A TCP server on <paramref name="port"/> that reads whatever it is sent and throws it away (bulk traffic).</summary>
    public void StartSinkServer(int port) =>
        StartServer(new[] { "-u", $"TCP4-LISTEN:{port},reuseaddr,fork", "OPEN:/dev/null" }, "-ltn", port);

    /// <summary>Sends <paramref name="megabytes"/> MiB of zeros to a <see cref="StartSinkServer"/> server; true when all of it went.</summary>
    public bool SendBulk(string address, int port, int megabytes, int timeoutSeconds = 60)
    {
        var (code, _) = Run("timeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "sh", "-c",
            "head -c \"$0\" /dev/zero | socat -u - \"TCP4:$1:$2\"", (megabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture),
            address, port.ToString(CultureInfo.InvariantCulture));
        return code == 0;
    }

    /// <summary>Connects to a <see cref="StartTcpServer"/> server; true when it answered within <paramref name="timeoutSeconds"/>.</summary>
    public bool TcpRequest(string address, int port, int timeoutSeconds = 5, string? source = null) =>
        Request($"TCP4:{address}:{port},connect-timeout={timeoutSeconds}" + Bind(source), timeoutSeconds);

    /// <summary>
    /// Sends one datagram to a <see cref="StartUdpServer"/> server; true when "pong" came back within
    /// <paramref name="timeoutSeconds"/>. Through bash's /dev/udp and head (one read of the whole
    /// datagram; bash's read builtin takes a byte at a time, which drops the rest of a datagram): a UDP
    /// socat client would wait out its half-close timeout after every answer.
    /// </summary>
    public bool UdpRequest(string address, int port, int timeoutSeconds = 3)
    {
        var (code, output) = Run("bash", "-c", "exec 3<>\"/dev/udp/$0/$1\" && echo ping >&3 && timeout \"$2\" head -n1 <&3",
            address, port.ToString(CultureInfo.InvariantCulture), timeoutSeconds.ToString(CultureInfo.InvariantCulture));
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

    private static string[] PingArguments(string address, string? source, params string[] options) =>
        [.. options, .. source is null ? Array.Empty<string>() : new[] { "-I", source }, address];

    private static string Bind(string? source) => source is null ? string.Empty : $",bind={source}";

    private bool Request(string target, int timeoutSeconds)
    {
        var (code, output) = Run("timeout", (timeoutSeconds + 1).ToString(CultureInfo.InvariantCulture),
            "socat", "-T", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "-", target);
        return code == 0 && output.Contains("pong", StringComparison.Ordinal);
    }

    private void StartServer(string[] socatArguments, string ssOption, int port)
    {
        var server = Start("socat", socatArguments, out _);
        var listening = Wait.Until(() => Run("ss", ssOption, $"sport = :{port}").Output.Contains($":{port}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.False(server.HasExited, $"socat {string.Join(" ", socatArguments)} exited in {Name}");
        Assert.True(listening, $"socat did not listen on {port} in {Name} within 10 s");
    }
}
