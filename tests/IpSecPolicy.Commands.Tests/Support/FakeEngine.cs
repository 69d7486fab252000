using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Messages;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Commands.Tests.Support;

/// <summary>
/// A control socket that answers like an engine, from canned results, on a session's socket: for
/// the VPN cmdlets, whose engine side (GetVpnGateway, GetVpnSession, ...) is tested in the
/// engine's own tests. It speaks the protocol of IpSecPolicy.Control/README.md (one request line,
/// one response line) and records every request it was sent.
/// </summary>
internal sealed class FakeEngine : IAsyncDisposable
{
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource cancel = new();
    private readonly Task loop;
    private readonly string socketPath;

    public FakeEngine(PowerShellSession session, string interfaceAlias = "test0")
        : this(session.ControlSocketPath, session.StorePath, interfaceAlias)
    {
    }

    public FakeEngine(string socketPath, string storePath, string interfaceAlias = "test0")
    {
        this.socketPath = socketPath;
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        Status = new EngineStatus { State = EngineState.Running, ProcessId = 4242, InterfaceAlias = interfaceAlias, StorePath = storePath };
        Handlers[ControlCommands.GetEngine] = _ => Status;
        Handlers[ControlCommands.Sync] = _ => new PolicySyncResult { Changed = true, Changes = new List<string> { "The fake engine re-read the store." }, StorePath = storePath };
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(16);
        loop = Task.Run(AcceptAsync);
    }

    public EngineStatus Status { get; }

    /// <summary>What each command answers: a result object, or a thrown ControlException for a refusal.</summary>
    public Dictionary<string, Func<ControlRequest, object?>> Handlers { get; } = new();

    public ConcurrentQueue<ControlRequest> Requests { get; } = new();

    /// <summary>Answers <paramref name="command"/> with each of <paramref name="results"/> in turn, then the last one again.</summary>
    public void AnswerInTurn(string command, params object[] results)
    {
        var next = 0;
        Handlers[command] = _ => results[Math.Min(Interlocked.Increment(ref next) - 1, results.Length - 1)];
    }

    public int Count(string command) => Requests.Count(r => r.Command == command);

    public async ValueTask DisposeAsync()
    {
        await cancel.CancelAsync();
        listener.Dispose();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        File.Delete(socketPath);
        cancel.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!cancel.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(cancel.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        await using (var stream = new NetworkStream(connection, ownsSocket: false))
        {
            var line = await new StreamReader(stream, Encoding.UTF8).ReadLineAsync(cancel.Token);
            if (line is null)
            {
                return; // a liveness probe: connect and close
            }

            var request = JsonSerializer.Deserialize<ControlRequest>(line, ControlJson.Options)!;
            Requests.Enqueue(request);
            ControlResponse response;
            try
            {
                if (!Handlers.TryGetValue(request.Command, out var handler))
                {
                    throw new ControlException(ControlErrorIds.UnknownCommand, "InvalidOperation", $"The fake engine has no command {request.Command}.");
                }

                var result = handler(request);
                response = new ControlResponse
                {
                    Id = request.Id,
                    Ok = true,
                    Result = result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), ControlJson.Options),
                };
            }
            catch (ControlException refusal)
            {
                response = new ControlResponse { Id = request.Id, Ok = false, Error = new ControlError { Id = refusal.ErrorId, Category = refusal.Category, Message = refusal.Message } };
            }

            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(response, ControlJson.Options) + "\n");
            await stream.WriteAsync(bytes, cancel.Token);
        }
    }
}
