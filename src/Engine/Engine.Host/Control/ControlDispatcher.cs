using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Logging;
using IpSecPolicy.Control;
using IpSecPolicy.Control.Messages;
using IpSecPolicy.Model.Errors;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Control;

/// <summary>
/// Turns one request line into one response: parses it (anything that is not a request gets id 0
/// and ControlProtocolError), finds the command by name, runs it, and maps refusals to error ids.
/// </summary>
public sealed class ControlDispatcher
{
    private readonly Dictionary<string, IControlCommand> commands;
    private readonly ILogger<ControlDispatcher> logger;

    public ControlDispatcher(IEnumerable<IControlCommand> commands, ILogger<ControlDispatcher> logger)
    {
        this.commands = new Dictionary<string, IControlCommand>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (!this.commands.TryAdd(command.Name, command))
            {
                throw new InvalidOperationException($"Two control commands are named '{command.Name}'.");
            }
        }

        this.logger = logger;
    }

    public IReadOnlyCollection<string> CommandNames => commands.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>The response to <paramref name="line"/>, and the call (null for a malformed line) whose after-reply actions the caller runs.</summary>
    public async Task<(ControlResponse Response, ControlCall? Call)> DispatchAsync(string line, CancellationToken cancellationToken)
    {
        var request = Parse(line, out var problem);
        if (request is null)
        {
            logger.Malformed(problem!);
            return (Refusal(0, ControlException.ProtocolError, "ProtocolError", $"Not a valid request: {problem}"), null);
        }

        if (!commands.TryGetValue(request.Command, out var command))
        {
            logger.Refused(request.Command, ControlErrorIds.UnknownCommand, "no such command");
            return (Refusal(request.Id, ControlErrorIds.UnknownCommand, "InvalidOperation",
                $"The engine has no command '{request.Command}'. Its commands: {string.Join(", ", CommandNames)}."), null);
        }

        logger.Command(request.Command, request.Id);
        var call = new ControlCall(request.Id, request.Command, request.Arguments);
        try
        {
            var result = await command.ExecuteAsync(call, cancellationToken);
            return (new ControlResponse
            {
                Id = request.Id,
                Ok = true,
                Result = result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), ControlJson.Options),
            }, call);
        }
        catch (ControlCommandException e)
        {
            logger.Refused(request.Command, e.ErrorId, e.Message);
            return (Refusal(request.Id, e.ErrorId, e.Category, e.Message), null);
        }
        catch (PolicyException e)
        {
            logger.Refused(request.Command, e.ErrorId, e.Message);
            return (Refusal(request.Id, e.ErrorId, e.Category.ToString(), e.Message), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (Refusal(request.Id, ControlErrorIds.EngineStopping, "ResourceUnavailable", "The engine is stopping."), null);
        }
        catch (Exception e)
        {
            logger.Failed(request.Command, e);
            return (Refusal(request.Id, ControlErrorIds.InternalError, "NotSpecified",
                $"The engine failed to run {request.Command}: {e.Message} (its log has the details)."), null);
        }
    }

    private static ControlRequest? Parse(string line, out string? problem)
    {
        ControlRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ControlRequest>(line, ControlJson.Options);
        }
        catch (JsonException e)
        {
            problem = $"not a JSON request object ({e.Message})";
            return null;
        }

        if (request is null)
        {
            problem = "null";
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.Command))
        {
            problem = "no command";
            return null;
        }

        // "arguments": null is taken as no arguments.
        request.Arguments ??= new Dictionary<string, JsonElement>();
        problem = null;
        return request;
    }

    private static ControlResponse Refusal(int id, string errorId, string category, string message) => new()
    {
        Id = id,
        Ok = false,
        Error = new ControlError { Id = errorId, Category = category, Message = message },
    };
}
