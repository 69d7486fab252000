using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>IKE as the engine runs it: its events, policy and sockets. Event ids 2000-2099.</summary>
internal static partial class IkeLog
{
    [LoggerMessage(EventId = 2000, EventName = "IkeEvent", Level = LogLevel.Information, Message = "IKE: {Text}")]
    public static partial void IkeEvent(this ILogger logger, string text);

    [LoggerMessage(EventId = 2001, EventName = "IkeNegotiationFailed", Level = LogLevel.Warning, Message = "IKE: {Text}")]
    public static partial void IkeFailure(this ILogger logger, string text);

    [LoggerMessage(EventId = 2002, EventName = "IkePolicy", Level = LogLevel.Information,
        Message = "IKE policy '{Policy}': {Children} negotiation filters, {Keys} pre-shared key peers, default response {DefaultResponse}")]
    public static partial void IkePolicy(this ILogger logger, string policy, int children, int keys, bool defaultResponse);

    [LoggerMessage(EventId = 2003, EventName = "IkeTranslationWarning", Level = LogLevel.Warning, Message = "IKE policy: {Warning}")]
    public static partial void IkeWarning(this ILogger logger, string warning);

    [LoggerMessage(EventId = 2004, EventName = "IkeStopped", Level = LogLevel.Information, Message = "IKE stopped: {Reason}")]
    public static partial void IkeStopped(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2005, EventName = "IkeDatagramDropped", Level = LogLevel.Debug, Message = "IKE datagram to {Remote} from {Local} not sent: {Reason}")]
    public static partial void IkeDatagramDropped(this ILogger logger, string remote, string local, string reason);

    [LoggerMessage(EventId = 2006, EventName = "IkeTraceOpened", Level = LogLevel.Information, Message = "IKE trace (IkeLogging) written to {Path}")]
    public static partial void IkeTraceOpened(this ILogger logger, string path);
}
