using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>The IP Security Monitor commands: SAs removed by the administrator, keys exported. Event ids 1400-1499.</summary>
internal static partial class MonitorLog
{
    [LoggerMessage(EventId = 1400, EventName = "MainModeSaRemoved", Level = LogLevel.Information,
        Message = "Main mode SA {Id} with {Peer} deleted by the administrator (Remove-IpSecMainModeSA); the peer was sent DELETE")]
    public static partial void MainModeSaRemoved(this ILogger logger, string id, string peer);

    [LoggerMessage(EventId = 1401, EventName = "QuickModeSaRemoved", Level = LogLevel.Information,
        Message = "Quick mode SA {Id} ({Rule}) with {Peer} deleted by the administrator (Remove-IpSecQuickModeSA); the peer was sent DELETE")]
    public static partial void QuickModeSaRemoved(this ILogger logger, ulong id, string rule, string peer);

    [LoggerMessage(EventId = 1402, EventName = "WiresharkKeysExported", Level = LogLevel.Warning,
        Message = "The keys of {EspSas} ESP SAs and {IsakmpSas} ISAKMP SAs were handed out over the control socket for Export-IpSecWiresharkKey")]
    public static partial void WiresharkKeysExported(this ILogger logger, int espSas, int isakmpSas);
}
