using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>The audit trail: every audit event also goes to the log, with its Windows number. Event ids 1300-1399.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 1300, EventName = "AuditEvent", Level = LogLevel.Information, Message = "Audit {AuditId} ({Outcome}): {Text}")]
    public static partial void Event(this ILogger logger, int auditId, string outcome, string text);

    [LoggerMessage(EventId = 1301, EventName = "AuditWriteFailed", Level = LogLevel.Error,
        Message = "The audit trail {Path} cannot be written ({Reason}); events stay in memory only")]
    public static partial void WriteFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1302, EventName = "AuditTrailLoaded", Level = LogLevel.Debug, Message = "Audit trail {Path}: {Count} earlier events loaded")]
    public static partial void Loaded(this ILogger logger, string path, int count);

    [LoggerMessage(EventId = 1303, EventName = "AuditLineSkipped", Level = LogLevel.Warning, Message = "Audit trail {Path}: line {Line} is not an event and is skipped")]
    public static partial void LineSkipped(this ILogger logger, string path, int line);
}
