using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Engine.Host.Audit;
using Engine.Host.Control;
using Engine.Host.Tests.Support;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Tests;

/// <summary>The control protocol as src/IpSecPolicy/IpSecPolicy.Control/README.md specifies it, against the real engine in process.</summary>
public sealed class ControlServerTests : IAsyncLifetime
{
    private readonly TestEngine engine = new();

    public Task InitializeAsync() => engine.StartAsync();

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public void GetEngine_reports_the_process_adapter_policy_and_paths()
    {
        var status = engine.Status();

        Assert.Equal(EngineState.Running, status.State);
        Assert.Equal(Environment.ProcessId, status.ProcessId);
        Assert.Equal("test0", status.InterfaceAlias);
        Assert.Equal(new[] { "192.0.2.10", "2001:db8::10" }, status.Addresses);
        Assert.Equal(ControlPaths.NetworkNamespaceId(), status.NetworkNamespace);
        Assert.Null(status.Policy);
        Assert.Equal(0, status.FilterCount);
        Assert.Empty(status.Enforcers);
        Assert.Equal((engine.StorePath, engine.SocketPath, engine.StateDirectory), (status.StorePath, status.ControlSocket, status.StateDirectory));
        Assert.StartsWith("0.1.0", status.Version);
        Assert.InRange(status.Uptime, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Assert.Equal(status.PolicyCheckedAt!.Value.AddMinutes(180), status.NextPolicyPoll);
    }

    [Fact]
    public void A_response_carries_the_request_id_and_ends_with_a_newline()
    {
        var text = RawControl.Exchange(engine.SocketPath, "{\"id\":4242,\"command\":\"GetEngine\",\"arguments\":null}\n");

        Assert.EndsWith("}\n", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var response = RawControl.Response(text);
        Assert.True(response.Ok);
        Assert.Equal(4242, response.Id);
        Assert.Equal("test0", response.Result!.Value.GetProperty("interfaceAlias").GetString());
    }

    [Fact]
    public void An_unknown_command_is_refused_with_its_request_id_and_the_list_of_commands()
    {
        var response = RawControl.Response(RawControl.Exchange(engine.SocketPath, "{\"id\":7,\"command\":\"RemoveEverything\"}\n"));

        Assert.False(response.Ok);
        Assert.Equal(7, response.Id);
        Assert.Equal((ControlErrorIds.UnknownCommand, "InvalidOperation"), (response.Error!.Id, response.Error.Category));
        Assert.Contains("DisconnectVpnSession, ExportWiresharkKeys, GetEngine, GetEvents, GetMainModeSa, GetQuickModeSa, GetStatistics, GetVpnConnection, GetVpnGateway, GetVpnSession, RemoveMainModeSa, RemoveQuickModeSa, Stop, Sync", response.Error.Message);
    }

    [Theory]
    [InlineData("this is not json\n")]
    [InlineData("[1,2,3]\n")]
    [InlineData("{\"id\":9}\n")]
    [InlineData("{\"id\":9,\"command\":\"\"}\n")]
    [InlineData("{\"id\":\"nine\",\"command\":\"GetEngine\"}\n")]
    public void A_malformed_line_gets_id_0_and_ControlProtocolError_and_the_connection_closes(string line)
    {
        var text = RawControl.Exchange(engine.SocketPath, line + "{\"id\":1,\"command\":\"GetEngine\"}\n");

        // One response only: the second request on the connection is never read.
        var response = RawControl.Response(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(response.Ok);
        Assert.Equal(0, response.Id);
        Assert.Equal((ControlException.ProtocolError, "ProtocolError"), (response.Error!.Id, response.Error.Category));
    }

    [Fact]
    public void A_request_longer_than_64_KiB_is_refused()
    {
        var line = "{\"id\":1,\"command\":\"GetEngine\",\"arguments\":{\"pad\":\"" + new string('x', ControlServer.MaxRequestBytes) + "\"}}\n";

        var response = RawControl.Response(RawControl.Exchange(engine.SocketPath, line));

        Assert.Equal((0, ControlException.ProtocolError), (response.Id, response.Error!.Id));
    }

    [Fact]
    public void A_connection_that_sends_nothing_gets_nothing_and_the_engine_goes_on()
    {
        Assert.Equal(string.Empty, RawControl.Exchange(engine.SocketPath, Array.Empty<byte>()));
        Assert.True(engine.Client.IsEngineRunning());
        Assert.Equal(EngineState.Running, engine.Status().State);
    }

    [Fact]
    public void A_request_without_a_trailing_newline_is_answered_when_the_client_stops_sending()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(engine.SocketPath));
        using var stream = new NetworkStream(socket);
        socket.Send(Encoding.UTF8.GetBytes("{\"id\":3,\"command\":\"GetEngine\"}"));
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream);

        Assert.Equal(3, RawControl.Response(reader.ReadToEnd()).Id);
    }

    [Fact]
    public async Task Concurrent_clients_each_get_their_own_answer()
    {
        // Each client blocks on its socket, so each gets a thread of its own: 48 blocking calls on the
        // thread pool would starve the in-process engine's own async work on a 2-core machine (the pool
        // adds threads about one a second) and time out for reasons that are not the server's.
        var calls = Enumerable.Range(0, 48).Select(i => Task.Factory.StartNew(() =>
        {
            var command = i % 3 == 0 ? ControlCommands.GetEvents : ControlCommands.GetEngine;
            var response = RawControl.Response(RawControl.Exchange(engine.SocketPath, $"{{\"id\":{1000 + i},\"command\":\"{command}\"}}\n"));
            return (i, response);
        }, TaskCreationOptions.LongRunning));

        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a =>
        {
            Assert.True(a.response.Ok);
            Assert.Equal(1000 + a.i, a.response.Id);
        });
    }

    [Fact]
    public void The_socket_is_owner_only_its_directory_readable_and_the_state_private()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(engine.SocketPath));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(Path.GetDirectoryName(engine.SocketPath)!));
        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(engine.StateDirectory));
        Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), File.GetUnixFileMode(Path.Combine(engine.StateDirectory, "audit.jsonl")));
    }

    [Fact]
    public void GetEvents_filters_by_id_time_and_count_newest_first()
    {
        engine.Call<PolicySyncResult>(ControlCommands.Sync);
        engine.Call<PolicySyncResult>(ControlCommands.Sync);

        var all = engine.Events();
        var reloads = engine.Events(AuditEventIds.PolicyReloaded);
        var newest = engine.Call<System.Collections.Generic.List<AuditEvent>>(ControlCommands.GetEvents, new EventQuery { Newest = 1 }.ToArguments());
        var afterFirst = engine.Call<System.Collections.Generic.List<AuditEvent>>(ControlCommands.GetEvents,
            new EventQuery { After = all.Last().TimeCreated }.ToArguments());

        Assert.Equal(new[] { AuditEventIds.PolicyReloaded, AuditEventIds.PolicyReloaded, AuditEventIds.EngineStarted }, all.Select(e => e.Id));
        Assert.True(all[0].RecordId > all[1].RecordId && all[1].RecordId > all[2].RecordId);
        Assert.Equal(2, reloads.Count);
        Assert.Equal(all[0].RecordId, Assert.Single(newest).RecordId);
        Assert.DoesNotContain(afterFirst, e => e.Id == AuditEventIds.EngineStarted);
    }

    [Theory]
    [InlineData("{\"newest\":0}")]
    [InlineData("{\"newest\":\"many\"}")]
    [InlineData("{\"id\":\"541\"}")]
    [InlineData("{\"after\":\"2030-01-01T00:00:00+00:00\",\"before\":\"2020-01-01T00:00:00+00:00\"}")]
    public void GetEvents_refuses_arguments_of_the_wrong_type_or_range(string arguments)
    {
        var response = RawControl.Response(RawControl.Exchange(engine.SocketPath, $"{{\"id\":5,\"command\":\"GetEvents\",\"arguments\":{arguments}}}\n"));

        Assert.Equal((5, ControlErrorIds.InvalidArgument, "InvalidArgument"), (response.Id, response.Error!.Id, response.Error.Category));
    }

    [Fact]
    public async Task Stop_answers_first_then_the_engine_exits_0_and_removes_its_socket()
    {
        var reply = engine.Call<EngineStatus>(ControlCommands.Stop);

        Assert.Equal(EngineState.Stopping, reply.State);
        Assert.Equal(EngineExitCode.Stopped, await engine.Run!.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(engine.SocketPath));
        var trail = File.ReadAllLines(Path.Combine(engine.StateDirectory, "audit.jsonl"));
        Assert.Contains("\"id\":5479", trail.Last());
        Assert.Equal(ControlException.EngineNotRunning, Assert.Throws<ControlException>(() => engine.Status()).ErrorId);
    }
}
