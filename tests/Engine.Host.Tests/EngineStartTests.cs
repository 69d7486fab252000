using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Tests;

/// <summary>What the engine must own or read before it answers, and the exit code for each failure.</summary>
public sealed class EngineStartTests
{
    [Fact]
    public async Task A_socket_left_by_a_dead_engine_is_replaced()
    {
        await using var engine = new TestEngine();
        Directory.CreateDirectory(Path.GetDirectoryName(engine.SocketPath)!);
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // .NET removes the file of a socket it bound when it closes it, as the engine does on a clean
            // stop; a killed engine's file stays. Moving the file away from .NET's view leaves exactly that.
            var bound = engine.SocketPath + ".bound";
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, engine.SocketPath);
        }

        Assert.True(File.Exists(engine.SocketPath));

        await engine.StartAsync();

        Assert.Equal(EngineState.Running, engine.Status().State);
        Assert.Contains(engine.Log.Entries, e => e.EventId.Id == 1101);
    }

    [Fact]
    public async Task A_second_engine_on_the_same_socket_refuses_and_the_first_keeps_it()
    {
        await using var first = new TestEngine();
        await first.StartAsync();
        await using var second = new TestEngine(root: first.Root);

        var exitCode = await second.Launch().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(EngineExitCode.AlreadyRunning, exitCode);
        Assert.Contains(second.Log.Entries, e => e.EventId.Id == 1004 && e.Text.Contains("Another engine already runs", StringComparison.Ordinal));
        Assert.Equal(EngineState.Running, first.Status().State);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.SocketPath));
        // The refused engine did not touch the running one's audit trail.
        Assert.Equal(new[] { AuditEventIds.EngineStarted }, first.Events().Select(e => e.Id));
    }

    [Fact]
    public async Task A_socket_that_accepts_connections_is_never_replaced_even_without_the_lock()
    {
        await using var engine = new TestEngine();
        Directory.CreateDirectory(Path.GetDirectoryName(engine.SocketPath)!);
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(engine.SocketPath));
        live.Listen(1);

        var exitCode = await engine.Launch().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(EngineExitCode.AlreadyRunning, exitCode);
        Assert.True(File.Exists(engine.SocketPath));
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        probe.Connect(new UnixDomainSocketEndPoint(engine.SocketPath));
    }

    [Fact]
    public async Task An_adapter_that_does_not_exist_exits_3_and_is_audited_as_5461()
    {
        await using var engine = new TestEngine { InterfaceAlias = "nosuch0" };

        var exitCode = await engine.Launch().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(EngineExitCode.InterfaceNotFound, exitCode);
        Assert.Contains(engine.Log.Entries, e => e.EventId.Id == 1004 && e.Text.Contains("nosuch0", StringComparison.Ordinal));
        Assert.Contains("\"id\":5461", File.ReadAllText(Path.Combine(engine.StateDirectory, "audit.jsonl")));
        Assert.False(File.Exists(engine.SocketPath));
    }

    [Fact]
    public async Task An_unreadable_store_exits_4()
    {
        await using var engine = new TestEngine();
        Directory.CreateDirectory(engine.StorePath);
        File.WriteAllText(Path.Combine(engine.StorePath, "policy-store.json"), "{ not json");

        Assert.Equal(EngineExitCode.StoreUnreadable, await engine.Launch().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(engine.Log.Entries, e => e.Text.Contains("StoreCorrupt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_socket_directory_that_cannot_be_created_exits_6()
    {
        await using var engine = new TestEngine();
        File.WriteAllText(Path.Combine(engine.Root, "run"), "a file where the socket's directory should be");

        Assert.Equal(EngineExitCode.ControlSocketUnavailable, await engine.Launch().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_state_directory_that_cannot_be_used_exits_7_and_releases_the_socket()
    {
        await using var engine = new TestEngine();
        File.WriteAllText(engine.StateDirectory, "a file where the state directory should be");

        Assert.Equal(EngineExitCode.StateDirectoryUnavailable, await engine.Launch().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(engine.SocketPath));
        Assert.Equal(ControlException.EngineNotRunning, Assert.Throws<ControlException>(() => engine.Status()).ErrorId);
    }
}
