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
