using System;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>Reading, compiling and applying the assigned policy. Event ids 1200-1299.</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 1200, EventName = "NoPolicyAssigned", Level = LogLevel.Warning,
        Message = "No policy is assigned in {StorePath}: nothing to enforce until one is (Enable-IpSecPolicy)")]
    public static partial void NoPolicyAssigned(this ILogger logger, string storePath);

    [LoggerMessage(EventId = 1201, EventName = "PolicyCompiled", Level = LogLevel.Information,
        Message = "Policy '{Policy}' compiled for {InterfaceAlias} ({Addresses}): {FilterCount} effective filters, {WarningCount} warnings")]
    public static partial void Compiled(this ILogger logger, string policy, string interfaceAlias, string addresses, int filterCount, int warningCount);

    [LoggerMessage(EventId = 1202, EventName = "PolicyCompileWarning", Level = LogLevel.Warning, Message = "{Code} at {Target}: {Reason}")]
    public static partial void CompileWarning(this ILogger logger, string code, string target, string reason);

    [LoggerMessage(EventId = 1203, EventName = "PolicyUnchanged", Level = LogLevel.Debug, Message = "Store re-read ({Trigger}): nothing changed")]
    public static partial void Unchanged(this ILogger logger, string trigger);

    [LoggerMessage(EventId = 1204, EventName = "PolicyChanged", Level = LogLevel.Information, Message = "Store re-read ({Trigger}): {Changes}")]
    public static partial void Changed(this ILogger logger, string trigger, string changes);

    [LoggerMessage(EventId = 1205, EventName = "PolicyReadFailed", Level = LogLevel.Error,
        Message = "Re-reading the store failed ({ErrorId}): {Reason}; the policy in force stays")]
    public static partial void ReadFailed(this ILogger logger, string errorId, string reason);

    [LoggerMessage(EventId = 1206, EventName = "PolicyPollScheduled", Level = LogLevel.Debug, Message = "Next policy poll at {Time:o}")]
    public static partial void PollScheduled(this ILogger logger, DateTimeOffset time);

    [LoggerMessage(EventId = 1207, EventName = "PolicyPollingDisabled", Level = LogLevel.Information,
        Message = "Policy polling is off (polling interval 0): the store is re-read only on Sync-IpSecPolicy")]
    public static partial void PollingDisabled(this ILogger logger);

    [LoggerMessage(EventId = 1208, EventName = "EnforcerApplyFailed", Level = LogLevel.Error, Message = "Enforcer {Enforcer} failed to apply policy {Policy}")]
    public static partial void ApplyFailed(this ILogger logger, string enforcer, string policy, Exception exception);

    [LoggerMessage(EventId = 1209, EventName = "PolicyPollFailed", Level = LogLevel.Error, Message = "A policy poll failed unexpectedly; the next poll tries again")]
    public static partial void PollFailed(this ILogger logger, Exception exception);
}
