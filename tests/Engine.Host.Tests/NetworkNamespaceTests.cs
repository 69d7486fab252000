using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;
using IpSecPolicy.Model.Store;

namespace Engine.Host.Tests;

/// <summary>
/// The real engine process, one per network namespace, and the cmdlets run inside each namespace
/// through the project's shell. Needs root (CI runs as root): without it the tests fail, they do
/// not skip. Each test makes its own two namespaces and removes them, with anything left in them.
/// </summary>
public sealed class NetworkNamespaceTests : IDisposable
{
    private static readonly string Bin = AppContext.BaseDirectory;
    private static readonly string Engine = Path.Combine(Bin, "ipsecpolicy-engine.dll");
    private static readonly string Shell = Path.Combine(Bin, "ipsecpolicy-shell.dll");

    private readonly NetworkNamespace a;
    private readonly NetworkNamespace b;

    public NetworkNamespaceTests()
    {
        Assert.True(Environment.IsPrivilegedProcess, "The network namespace tests need root (ip netns add); run them as root.");
        (a, b) = NetworkNamespace.CreatePair();
    }

    [Fact]
    public void Each_namespace_finds_its_own_engine_and_the_cmdlets_work_end_to_end()
    {
        Assert.NotEqual(a.Id, b.Id);
        using var engineB = StartEngine(b, out var logB);

        // A: start through the cmdlet, assign a policy (the engine picks it up), sync, read the audit trail.
        var first = RunScript(a, """
            param([string] $State)
            $started = Start-IpSecEngine -InterfaceAlias veth-a -StateDirectory $State -PassThru
            "STARTED pid=$($started.ProcessId) ns=$($started.NetworkNamespace) policy=[$($started.Policy)] socket=$($started.ControlSocket) addresses=$($started.Addresses -join ',')"
            Enable-IpSecPolicy -Name 'Secure Server (Require Security)' -Verbose 4>&1 | ForEach-Object { "VERBOSE $_" }
            $engine = Get-IpSecEngine
            "ENGINE pid=$($engine.ProcessId) ns=$($engine.NetworkNamespace) policy=[$($engine.Policy)] filters=$($engine.FilterCount)"
            $sync = Sync-IpSecPolicy
            "SYNC changed=$($sync.Changed) policy=[$($sync.Policy)]"
            $applied = Get-IpSecEvent -Id 5460 -Newest 1
            "EVENT id=$($applied.Id) policy=[$($applied.Data['Policy'])]"
            """, a.StateDirectory);
        var started = Line(first, "STARTED");
        var pidA = int.Parse(Field(started, "pid"));
        Assert.Equal(a.Id, Field(started, "ns"));
        Assert.Equal("[]", Field(started, "policy"));
        Assert.Equal(a.SocketPath, Field(started, "socket"));
        Assert.Equal(a.Address, Field(started, "addresses"));
        Assert.Contains("VERBOSE The engine re-read the store: Policy 'Secure Server (Require Security)' is assigned.", first);
        var engineLine = Line(first, "ENGINE");
        Assert.Equal((pidA.ToString(), a.Id), (Field(engineLine, "pid"), Field(engineLine, "ns")));
        Assert.Contains("policy=[Secure Server (Require Security)]", engineLine);
        Assert.NotEqual("0", Field(engineLine, "filters"));
        Assert.Contains("SYNC changed=False policy=[Secure Server (Require Security)]", first);
        Assert.Contains("EVENT id=5460 policy=[Secure Server (Require Security)]", first);

        // B: its cmdlets see B's engine, not A's, and refuse to start a second one there.
        var second = RunScript(b, """
            param([string] $State)
            $engine = Get-IpSecEngine
            "ENGINE pid=$($engine.ProcessId) ns=$($engine.NetworkNamespace) policy=[$($engine.Policy)]"
            Start-IpSecEngine -InterfaceAlias veth-b -StateDirectory $State -ErrorAction SilentlyContinue -ErrorVariable refused
            "REFUSED $($refused[0].FullyQualifiedErrorId)"
            """, b.StateDirectory);
        var engineLineB = Line(second, "ENGINE");
        Assert.Equal((engineB.Id.ToString(), b.Id, "[]"), (Field(engineLineB, "pid"), Field(engineLineB, "ns"), Field(engineLineB, "policy")));
        Assert.Contains("REFUSED EngineAlreadyRunning,IpSecPolicy.Commands.Engine.StartIpSecEngineCommand", second);

        // A: stop through the cmdlet; it returns when the process is gone, and the socket is gone too.
        var third = RunScript(a, """
            $stopped = Stop-IpSecEngine -Force -PassThru
            "STOPPED pid=$($stopped.ProcessId) state=$($stopped.State)"
            Get-IpSecEngine -ErrorAction SilentlyContinue -ErrorVariable missing
            "MISSING $($missing[0].FullyQualifiedErrorId) $($missing[0].CategoryInfo.Category)"
            """);
        Assert.Contains($"STOPPED pid={pidA} state=Stopped", third);
        Assert.Contains("MISSING EngineNotRunning,IpSecPolicy.Commands.Engine.GetIpSecEngineCommand ResourceUnavailable", third);
        Assert.False(IsRunning(pidA));
        Assert.False(File.Exists(a.SocketPath));
        Assert.Contains("\"id\":5479", File.ReadAllLines(Path.Combine(a.StateDirectory, "audit.jsonl")).Last());

        // B was never touched by any of it.
        Assert.Equal(b.Id, new ControlClient(b.SocketPath).Call<EngineStatus>(ControlCommands.GetEngine)!.NetworkNamespace);
        Assert.False(engineB.HasExited, logB.ToString());
    }

    [Fact]
    public void Sigterm_stops_cleanly_a_second_engine_refuses_and_a_killed_engines_socket_is_replaced()
    {
        var store = new PolicyStore(a.StorePath);
        store.Update(document => IpSecPolicy.Model.Operations.PolicyOperations.Assign(document, PredefinedObjects.ServerPolicy));
        using (var killed = StartEngine(a, out _))
        {
            killed.Kill(); // SIGKILL: no clean stop, the socket file stays
            killed.WaitForExit();
        }

        Assert.True(File.Exists(a.SocketPath));
        using var engine = StartEngine(a, out var log);
        var status = new ControlClient(a.SocketPath).Call<EngineStatus>(ControlCommands.GetEngine)!;
        Assert.Equal((engine.Id, PredefinedObjects.ServerPolicy, a.Id), (status.ProcessId, status.Policy, status.NetworkNamespace));
        Assert.Contains("[1101]", log.ToString()); // the stale socket was replaced

        using (var second = a.Start("dotnet", EngineArguments(a), out var secondLog))
        {
            Assert.True(Command.Exited(second, TimeSpan.FromSeconds(30)), secondLog.ToString());
            Assert.Equal(EngineExitCode.AlreadyRunning, second.ExitCode);
            Assert.Contains("Another engine already runs", secondLog.ToString());
        }

        Assert.Equal(engine.Id, new ControlClient(a.SocketPath).Call<EngineStatus>(ControlCommands.GetEngine)!.ProcessId);

        Command.Check("kill", "-TERM", engine.Id.ToString());
        Assert.True(Command.Exited(engine, TimeSpan.FromSeconds(30)), log.ToString());
        Assert.Equal(EngineExitCode.Stopped, engine.ExitCode);
        Assert.False(File.Exists(a.SocketPath));
        var trail = File.ReadAllLines(Path.Combine(a.StateDirectory, "audit.jsonl"));
        Assert.Contains("\"id\":5479", trail.Last());
        Assert.Contains(log.ToString().Split('\n'), l => l.Contains("[1003]", StringComparison.Ordinal)); // "Engine stopped"
    }

    public void Dispose()
    {
        a.Dispose();
        b.Dispose();
    }

    private static string[] EngineArguments(NetworkNamespace space) =>
        new[] { Engine, "--interface", space.Interface, "--store", space.StorePath, "--state-dir", space.StateDirectory };

    /// <summary>The real engine in <paramref name="space"/> (ip netns exec NS dotnet ipsecpolicy-engine.dll ...), once its socket answers.</summary>
    private static Process StartEngine(NetworkNamespace space, out StringBuilder log)
    {
        var process = space.Start("dotnet", EngineArguments(space), out log);
        var client = new ControlClient(space.SocketPath);
        var watch = Stopwatch.StartNew();
        while (!client.IsEngineRunning())
        {
            Assert.False(process.HasExited, $"the engine exited with {(process.HasExited ? process.ExitCode : 0)}:\n{log}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the engine did not answer within 30 s:\n{log}");
            Thread.Sleep(50);
        }

        return process;
    }

    /// <summary>Runs a script through ipsecpolicy-shell inside <paramref name="space"/>, on that namespace's store.</summary>
    private static string RunScript(NetworkNamespace space, string script, params string[] arguments)
    {
        var path = Path.Combine(space.Scratch, $"script-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(path, script);
        var (code, output) = space.Run("dotnet", new[] { Shell, path }.Concat(arguments),
            new Dictionary<string, string> { [PolicyStore.EnvironmentVariable] = space.StorePath });
        Assert.True(code == 0, $"the script exited {code}:\n{output}");
        return output;
    }

    private static string Line(string output, string marker) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(marker + " ", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line {marker} in:\n{output}");

    /// <summary>The value of <c>name=value</c> in a marker line (values without spaces, or [bracketed]).</summary>
    private static string Field(string line, string name)
    {
        var start = line.IndexOf(" " + name + "=", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {name}= in {line}");
        var value = line[(start + name.Length + 2)..];
        var end = value.StartsWith('[') ? value.IndexOf(']') + 1 : value.IndexOf(' ');
        return end <= 0 ? value : value[..end];
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
