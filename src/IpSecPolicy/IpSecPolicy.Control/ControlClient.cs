using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using IpSecPolicy.Control.Messages;

namespace IpSecPolicy.Control;

/// <summary>
/// Calls the engine over its Unix domain socket: one JSON request line, one JSON response line.
/// On .NET, a NamedPipeClientStream with a rooted path connects to exactly that Unix socket, which
/// keeps this client netstandard2.0.
/// </summary>
public sealed class ControlClient
{
    private static int nextId;

    public ControlClient(string? socketPath = null, TimeSpan? timeout = null)
    {
        SocketPath = socketPath ?? ControlPaths.DefaultSocketPath;
        Timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public string SocketPath { get; }

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

        using var pipe = Connect(Timeout);
        var line = JsonSerializer.Serialize(request, ControlJson.Options) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        string? answer;
        try
        {
            pipe.Write(bytes, 0, bytes.Length);
            pipe.Flush();
            answer = new StreamReader(pipe, new UTF8Encoding(false)).ReadLine();
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
