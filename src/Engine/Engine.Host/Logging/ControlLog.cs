using System;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>The control socket and its commands. Event ids 1100-1199.</summary>
internal static partial class ControlLog
{
    [LoggerMessage(EventId = 1100, EventName = "ControlListening", Level = LogLevel.Debug, Message = "Control socket {Path} listening (mode 0600)")]
    public static partial void Listening(this ILogger logger, string path);

    [LoggerMessage(EventId = 1101, EventName = "StaleSocketReplaced", Level = LogLevel.Warning,
        Message = "Replaced the control socket {Path} left by an engine that is no longer running")]
    public static partial void StaleSocketReplaced(this ILogger logger, string path);

    [LoggerMessage(EventId = 1102, EventName = "ControlCommand", Level = LogLevel.Debug, Message = "Control command {Command} (request {RequestId})")]
    public static partial void Command(this ILogger logger, string command, int requestId);

    [LoggerMessage(EventId = 1103, EventName = "ControlCommandRefused", Level = LogLevel.Information,
        Message = "Control command {Command} refused: {ErrorId}: {Reason}")]
    public static partial void Refused(this ILogger logger, string command, string errorId, string reason);

    [LoggerMessage(EventId = 1104, EventName = "ControlRequestMalformed", Level = LogLevel.Warning, Message = "Malformed control request: {Reason}")]
    public static partial void Malformed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1105, EventName = "ControlCommandFailed", Level = LogLevel.Error, Message = "Control command {Command} failed")]
    public static partial void Failed(this ILogger logger, string command, Exception exception);

    [LoggerMessage(EventId = 1106, EventName = "ControlConnectionLost", Level = LogLevel.Debug, Message = "A control connection ended early: {Reason}")]
    public static partial void ConnectionLost(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1107, EventName = "ControlSocketRemoved", Level = LogLevel.Debug, Message = "Control socket {Path} removed")]
    public static partial void SocketRemoved(this ILogger logger, string path);

    [LoggerMessage(EventId = 1108, EventName = "ControlSocketRemoveFailed", Level = LogLevel.Warning, Message = "The control socket file {Path} cannot be removed: {Reason}")]
    public static partial void SocketRemoveFailed(this ILogger logger, string path, string reason);
}
