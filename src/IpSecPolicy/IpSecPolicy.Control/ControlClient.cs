using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using System.Threading;
using IpSecPolicy.Control.Messages;

namespace IpSecPolicy.Control;

/// <summary>
/// Calls the engine over its Unix domain socket: one JSON request line, one JSON response line.
/// On .NET, a NamedPipeClientStream with a rooted path connects to exactly that Unix socket, which
/// keeps this client netstandard2.0.
/// </summary>
public sealed class ControlClient
{
    /// <summary>A larger answer is not a response of this protocol (a full event ring is about 2 MB).</summary>
    private const int MaxResponseBytes = 64 * 1024 * 1024;

    /// <summary>
    /// How long to keep trying to connect. A live engine accepts at once (a full backlog makes connect
    /// wait, not fail), while a socket left by a dead engine refuses every try, and the pipe stream
    /// retries refusals until its timeout: so this is short, and separate from <see cref="Timeout"/>.
    /// </summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private static int nextId;

    public ControlClient(string? socketPath = null, TimeSpan? timeout = null)
    {
        SocketPath = socketPath ?? ControlPaths.DefaultSocketPath;
        Timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public string SocketPath { get; }

    /// <summary>How long to wait for the engine's answer once connected.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True when something listens on the socket.</summary>
    public bool IsEngineRunning()
    {
        try
        {
            using var pipe = Connect(TimeSpan.FromMilliseconds(500));
            return true;
        }
        catch (ControlException)
        {
            return false;
        }
    }

    /// <summary>Sends a command and returns its result deserialized, or throws the engine's refusal.</summary>
    public T? Call<T>(string command, IDictionary<string, object?>? arguments = null)
    {
        var result = Call(command, arguments);
        return result is null ? default : JsonSerializer.Deserialize<T>(result.Value.GetRawText(), ControlJson.Options);
    }

    public JsonElement? Call(string command, IDictionary<string, object?>? arguments = null)
    {
        var request = new ControlRequest { Id = System.Threading.Interlocked.Increment(ref nextId), Command = command };
        if (arguments is not null)
        {
            foreach (var pair in arguments)
            {
                if (pair.Value is not null)
                {
                    request.Arguments[pair.Key] = JsonSerializer.SerializeToElement(pair.Value, pair.Value.GetType(), ControlJson.Options);
                }
            }
        }

        using var pipe = Connect(ConnectTimeout < Timeout ? ConnectTimeout : Timeout);
        var line = JsonSerializer.Serialize(request, ControlJson.Options) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        string? answer;
        try
        {
            pipe.Write(bytes, 0, bytes.Length);
            pipe.Flush();
            answer = ReadLine(pipe);
        }
        catch (IOException e)
        {
            throw new ControlException(ControlException.EngineNotResponding, "ConnectionError",
                $"The engine at {SocketPath} closed the connection: {e.Message}", e);
        }

        if (answer is null)
        {
            throw new ControlException(ControlException.EngineNotResponding, "ConnectionError", $"The engine at {SocketPath} did not answer.");
        }

        ControlResponse? response;
        try
        {
            response = JsonSerializer.Deserialize<ControlResponse>(answer, ControlJson.Options);
        }
        catch (JsonException e)
        {
            throw new ControlException(ControlException.ProtocolError, "ProtocolError", $"The engine's answer is not valid: {e.Message}", e);
        }

        if (response is null || response.Id != request.Id)
        {
            throw new ControlException(ControlException.ProtocolError, "ProtocolError", "The engine answered another request.");
        }

        if (!response.Ok)
        {
            var error = response.Error ?? new ControlError { Id = ControlException.ProtocolError, Message = "The engine refused without a reason." };
            throw new ControlException(error.Id, error.Category, error.Message);
        }

        return response.Result;
    }

    /// <summary>One line of UTF-8, without its newline; null when the engine closed without a byte.</summary>
    private string? ReadLine(Stream stream)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var buffer = new byte[16 * 1024];
        using var line = new MemoryStream();
        while (true)
        {
            int read;
            try
            {
                read = stream.ReadAsync(buffer, 0, buffer.Length, cancel.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e)
            {
                throw new ControlException(ControlException.EngineNotResponding, "OperationTimeout",
                    $"The engine at {SocketPath} did not answer within {Timeout.TotalSeconds} s.", e);
            }

            if (read == 0)
            {
                return line.Length == 0 ? null : Encoding.UTF8.GetString(line.ToArray());
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, newline >= 0 ? newline : read);
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(line.ToArray());
            }

            if (line.Length > MaxResponseBytes)
            {
                throw new ControlException(ControlException.ProtocolError, "ProtocolError", $"The engine's answer is longer than {MaxResponseBytes} bytes.");
            }
        }
    }

    private NamedPipeClientStream Connect(TimeSpan timeout)
    {
        if (!File.Exists(SocketPath))
        {
            throw new ControlException(ControlException.EngineNotRunning, "ResourceUnavailable",
                $"No IpSecPolicy engine runs in this network namespace (no socket at {SocketPath}). Start one with Start-IpSecEngine.");
        }

        var pipe = new NamedPipeClientStream(".", SocketPath, PipeDirection.InOut);
        try
        {
            pipe.Connect((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds));
            return pipe;
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            pipe.Dispose();
            var id = e is UnauthorizedAccessException ? "PermissionDenied" : "ResourceUnavailable";
            throw new ControlException(ControlException.EngineNotRunning, id,
                $"The engine's socket {SocketPath} does not accept connections ({e.Message}). Is the engine running, and are you root?", e);
        }
    }
}
