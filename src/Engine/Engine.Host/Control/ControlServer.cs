using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Logging;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Control;

/// <summary>
/// Serves the control protocol (src/IpSecPolicy/IpSecPolicy.Control/README.md) on the claimed Unix
/// socket: one request line and one response line per connection, connections served concurrently
/// up to <see cref="MaxConcurrentConnections"/> (more wait in the listen backlog). It is the first
/// service to start and the last to stop, so Get-IpSecEngine answers "Stopping" while the
/// enforcers withdraw; on stop it finishes the requests in flight and removes the socket file.
/// </summary>
public sealed class ControlServer : IHostedService, IDisposable
{
    public const int MaxConcurrentConnections = 16;
    public const int MaxRequestBytes = 64 * 1024;
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly ControlSocketClaim claim;
    private readonly ControlDispatcher dispatcher;
    private readonly ILogger<ControlServer> logger;
    private readonly CancellationTokenSource accepting = new();
    private readonly CancellationTokenSource aborting = new();
    private readonly SemaphoreSlim slots = new(MaxConcurrentConnections, MaxConcurrentConnections);
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private long nextConnection;
    private Task acceptLoop = Task.CompletedTask;

    public ControlServer(ControlSocketClaim claim, ControlDispatcher dispatcher, ILogger<ControlServer> logger)
    {
        this.claim = claim;
        this.dispatcher = dispatcher;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        claim.Socket.Listen(64);
        logger.Listening(claim.Path);
        acceptLoop = Task.Run(() => AcceptLoopAsync(accepting.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await accepting.CancelAsync();
        await acceptLoop;
        try
        {
            await Task.WhenAll(inFlight.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is up: cut what is left.
            await aborting.CancelAsync();
        }

        claim.Release();
    }

    public void Dispose()
    {
        // The semaphore is not disposed: a connection cut at the shutdown timeout may still release
        // its slot afterwards, and a SemaphoreSlim whose wait handle was never used holds nothing.
        accepting.Dispose();
        aborting.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                await slots.WaitAsync(token);
                try
                {
                    connection = await claim.Socket.AcceptAsync(token);
                }
                catch
                {
                    slots.Release();
                    throw;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                logger.ConnectionLost($"accept failed: {e.Message}");
                continue;
            }

            var id = Interlocked.Increment(ref nextConnection);
            var task = ServeAsync(connection);
            inFlight[id] = task;
            _ = task.ContinueWith(_ =>
            {
                inFlight.TryRemove(id, out Task? _);
                slots.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        await Task.Yield();
        using var stream = new NetworkStream(connection, ownsSocket: true);
        try
        {
            var (line, tooLong) = await ReadLineAsync(stream);
            if (line is null && !tooLong)
            {
                return; // connected and left without a request: a liveness probe
            }

            var (response, call) = tooLong
                ? (Malformed($"the request is longer than {MaxRequestBytes} bytes"), null)
                : await dispatcher.DispatchAsync(line!, aborting.Token);
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(response, ControlJson.Options) + "\n");
            await stream.WriteAsync(bytes, aborting.Token);
            await stream.FlushAsync(aborting.Token);
            foreach (var action in call?.AfterReplyActions ?? Array.Empty<Action>())
            {
                action();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            logger.ConnectionLost(e.Message);
        }
    }

    /// <summary>One line without its newline; null at end of stream before any byte; tooLong past the limit.</summary>
    private async Task<(string? Line, bool TooLong)> ReadLineAsync(Stream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborting.Token);
        timeout.CancelAfter(RequestTimeout);
        var buffer = new byte[4096];
        using var line = new MemoryStream();
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return (line.Length == 0 ? null : Encoding.UTF8.GetString(line.ToArray()), false);
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, newline >= 0 ? newline : read);
            if (line.Length > MaxRequestBytes)
            {
                return (null, true);
            }

            if (newline >= 0)
            {
                return (Encoding.UTF8.GetString(line.ToArray()), false);
            }
        }
    }

    private ControlResponse Malformed(string problem)
    {
        logger.Malformed(problem);
        return new ControlResponse
        {
            Id = 0,
            Ok = false,
            Error = new ControlError { Id = ControlException.ProtocolError, Category = "ProtocolError", Message = $"Not a valid request: {problem}" },
        };
    }
}
