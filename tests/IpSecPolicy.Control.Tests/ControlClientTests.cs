using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using IpSecPolicy.Control.Messages;

namespace IpSecPolicy.Control.Tests;

public sealed class ControlClientTests : IDisposable
{
    private readonly string socketPath = Path.Combine(Path.GetTempPath(), $"ipsecpolicy-ctl-{Guid.NewGuid():N}.sock");

    [Fact]
    public void No_socket_means_the_engine_is_not_running()
    {
        var error = Assert.Throws<ControlException>(() => new ControlClient(socketPath).Call("GetEngine"));

        Assert.Equal(ControlException.EngineNotRunning, error.ErrorId);
        Assert.False(new ControlClient(socketPath).IsEngineRunning());
    }

    [Fact]
    public async Task A_call_sends_one_line_and_reads_the_result()
    {
        var server = Serve(request => new ControlResponse
        {
            Id = request.Id,
            Ok = true,
            Result = JsonSerializer.SerializeToElement(new { state = "Running", echo = request.Arguments["name"].GetString() }),
        });

        var result = new ControlClient(socketPath).Call("GetEngine", new System.Collections.Generic.Dictionary<string, object?> { ["name"] = "Partner" });

        Assert.Equal("Running", result!.Value.GetProperty("state").GetString());
        Assert.Equal("Partner", result.Value.GetProperty("echo").GetString());
        Assert.Equal("GetEngine", (await server).Command);
    }

    [Fact]
    public async Task A_refusal_carries_the_engines_error_id()
    {
        var server = Serve(request => new ControlResponse
        {
            Id = request.Id,
            Error = new ControlError { Id = "SaNotFound", Category = "ObjectNotFound", Message = "No such SA." },
        });

        var error = Assert.Throws<ControlException>(() => new ControlClient(socketPath).Call("RemoveQuickModeSa"));

        Assert.Equal("SaNotFound", error.ErrorId);
        Assert.Equal("ObjectNotFound", error.Category);
        await server;
    }

    [Fact]
    public void The_default_path_names_this_network_namespace()
    {
        var inode = new FileInfo("/proc/self/ns/net").LinkTarget!.Split('[', ']')[1];

        Assert.Equal($"net-{inode}", ControlPaths.NetworkNamespaceId());
        Assert.EndsWith($"/net-{inode}/engine.sock", ControlPaths.DefaultSocketPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_left_by_a_dead_engine_is_not_running_after_a_short_connect_not_the_whole_timeout()
    {
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // .NET removes the file of a socket it bound when it closes it; a killed engine's stays.
            dead.Bind(new UnixDomainSocketEndPoint(socketPath + ".bound"));
            File.Move(socketPath + ".bound", socketPath);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<ControlException>(() => new ControlClient(socketPath, TimeSpan.FromSeconds(60)).Call("GetEngine"));

        Assert.Equal(ControlException.EngineNotRunning, error.ErrorId);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_engine_that_accepts_but_never_answers_times_out_as_not_responding()
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);

        var error = Assert.Throws<ControlException>(() => new ControlClient(socketPath, TimeSpan.FromMilliseconds(500)).Call("GetEngine"));

        Assert.Equal((ControlException.EngineNotResponding, "OperationTimeout"), (error.ErrorId, error.Category));
    }

    [Fact]
    public void Results_travel_with_the_protocols_names_and_enums_as_strings()
    {
        var status = new Results.EngineStatus { State = Results.EngineState.Stopping, Policy = "Partner's", Uptime = TimeSpan.FromSeconds(90) };

        var json = JsonSerializer.Serialize(status, ControlJson.Options);
        var back = JsonSerializer.Deserialize<Results.EngineStatus>(json, ControlJson.Options)!;

        Assert.Contains("\"state\":\"Stopping\"", json);
        Assert.Contains("\"policy\":\"Partner's\"", json); // readable: no \u0027
        Assert.Contains("\"uptime\":\"00:01:30\"", json);
        Assert.Equal((Results.EngineState.Stopping, "Partner's", TimeSpan.FromSeconds(90)), (back.State, back.Policy, back.Uptime));
    }

    /// <summary>Accepts one connection, answers one request with <paramref name="answer"/>.</summary>
    private Task<ControlRequest> Serve(Func<ControlRequest, ControlResponse> answer)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        return Task.Run(async () =>
        {
            using (listener)
            using (var connection = await listener.AcceptAsync())
            using (var stream = new NetworkStream(connection, ownsSocket: false))
            {
                var line = await new StreamReader(stream, Encoding.UTF8).ReadLineAsync();
                var request = JsonSerializer.Deserialize<ControlRequest>(line!, ControlJson.Options)!;
                var reply = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(answer(request), ControlJson.Options) + "\n");
                await stream.WriteAsync(reply);
                return request;
            }
        });
    }

    public void Dispose() => File.Delete(socketPath);
}
