using System;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>The engine's life: start, ready, stop, failure. Event ids 1000-1099.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 1000, EventName = "EngineStarting", Level = LogLevel.Information,
        Message = "Engine {Version} starting on interface {InterfaceAlias} (pid {ProcessId}, {NetworkNamespace}); store {StorePath}, control socket {ControlSocket}, state {StateDirectory}")]
    public static partial void Starting(this ILogger logger, string version, string interfaceAlias, int processId, string networkNamespace,
        string storePath, string controlSocket, string stateDirectory);

    [LoggerMessage(EventId = 1001, EventName = "EngineReady", Level = LogLevel.Information,
        Message = "Engine ready: policy {Policy}, {FilterCount} effective filters, control socket {ControlSocket}")]
    public static partial void Ready(this ILogger logger, string policy, int filterCount, string controlSocket);

    [LoggerMessage(EventId = 1002, EventName = "EngineStopping", Level = LogLevel.Information, Message = "Engine stopping")]
    public static partial void Stopping(this ILogger logger);

    [LoggerMessage(EventId = 1003, EventName = "EngineStopped", Level = LogLevel.Information, Message = "Engine stopped after {Uptime}")]
    public static partial void Stopped(this ILogger logger, TimeSpan uptime);

    [LoggerMessage(EventId = 1004, EventName = "EngineStartFailed", Level = LogLevel.Critical, Message = "Engine cannot start (exit code {ExitCode}): {Reason}")]
    public static partial void StartFailed(this ILogger logger, int exitCode, string reason);

    [LoggerMessage(EventId = 1005, EventName = "EngineFailed", Level = LogLevel.Critical, Message = "Engine failed and stops")]
    public static partial void Failed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1006, EventName = "EnforcerWithdrawFailed", Level = LogLevel.Error, Message = "Enforcer {Enforcer} failed to withdraw the policy")]
    public static partial void WithdrawFailed(this ILogger logger, string enforcer, Exception exception);

    [LoggerMessage(EventId = 1007, EventName = "NoEnforcers", Level = LogLevel.Warning,
        Message = "No enforcer is built into this engine: the policy is compiled and served to the cmdlets, but no traffic is classified, secured or blocked")]
    public static partial void NoEnforcers(this ILogger logger);
}
