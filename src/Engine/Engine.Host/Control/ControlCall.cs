using System;
using System.Collections.Generic;
using System.Text.Json;
using IpSecPolicy.Control;

namespace Engine.Host.Control;

/// <summary>One request as a command sees it: its id, its arguments, and what to do once the response is sent.</summary>
public sealed class ControlCall
{
    private readonly List<Action> afterReply = new();
    private readonly Dictionary<string, JsonElement> arguments;

    public ControlCall(int requestId, string command, Dictionary<string, JsonElement> arguments)
    {
        RequestId = requestId;
        Command = command;
        this.arguments = arguments;
    }

    public int RequestId { get; }

    public string Command { get; }

    public IReadOnlyList<Action> AfterReplyActions => afterReply;

    /// <summary>Runs <paramref name="action"/> once the response has been written (Stop: the reply goes out first).</summary>
    public void AfterReply(Action action) => afterReply.Add(action);

    /// <summary>The arguments object deserialized as <typeparamref name="T"/> (camelCase names, as on the wire).</summary>
    /// <exception cref="ControlCommandException">InvalidControlArgument when an argument has the wrong type.</exception>
    public T Arguments<T>()
        where T : new()
    {
        try
        {
            return JsonSerializer.SerializeToElement(arguments, ControlJson.Options).Deserialize<T>(ControlJson.Options) ?? new T();
        }
        catch (JsonException e)
        {
            throw new ControlCommandException(ControlErrorIds.InvalidArgument, "InvalidArgument",
                $"The arguments of {Command} are not valid at {e.Path ?? "$"}: {e.Message}");
        }
    }
}
