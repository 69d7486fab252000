using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>The VPN gateway's and client's log lines (4000-4099). User names appear; passwords never.</summary>
internal static partial class VpnLog
{
    [LoggerMessage(EventId = 4000, EventName = "VpnGatewayStarted", Level = LogLevel.Information,
        Message = "VPN gateway serving L2TP/IPsec on {Addresses}: pool {Pool}, gateway address {LocalAddress}, {Methods}, at most {MaxSessions} sessions")]
    public static partial void VpnGatewayStarted(this ILogger logger, string addresses, string pool, string localAddress, string methods, int maxSessions);

    [LoggerMessage(EventId = 4001, EventName = "VpnGatewayStopped", Level = LogLevel.Information, Message = "VPN gateway stopped ({Sessions} sessions disconnected)")]
    public static partial void VpnGatewayStopped(this ILogger logger, int sessions);

    [LoggerMessage(EventId = 4002, EventName = "VpnSessionUp", Level = LogLevel.Information,
        Message = "VPN session {Session}: {User} from {Client} has {Address} ({Method})")]
    public static partial void VpnSessionUp(this ILogger logger, ulong session, string user, string client, string address, string method);

    [LoggerMessage(EventId = 4003, EventName = "VpnSessionDown", Level = LogLevel.Information,
        Message = "VPN session {Session} of {User} from {Client} ended: {Reason}")]
    public static partial void VpnSessionDown(this ILogger logger, ulong session, string user, string client, string reason);

    [LoggerMessage(EventId = 4004, EventName = "VpnAuthenticationFailed", Level = LogLevel.Warning,
        Message = "VPN authentication of {User} from {Client} failed ({Protocol}): {Reason}")]
    public static partial void VpnAuthenticationFailed(this ILogger logger, string user, string client, string protocol, string reason);

    [LoggerMessage(EventId = 4005, EventName = "VpnConnectionRefused", Level = LogLevel.Warning, Message = "VPN connection from {Client} refused: {Reason}")]
    public static partial void VpnConnectionRefused(this ILogger logger, string client, string reason);

    [LoggerMessage(EventId = 4006, EventName = "VpnTunnel", Level = LogLevel.Debug, Message = "L2TP {Tunnel}: {What}")]
    public static partial void VpnTunnel(this ILogger logger, string tunnel, string what);

    [LoggerMessage(EventId = 4007, EventName = "VpnUsersUnreadable", Level = LogLevel.Error, Message = "VPN users not reloaded, the last ones read stay in use: {Problem}")]
    public static partial void VpnUsersUnreadable(this ILogger logger, string problem);

    [LoggerMessage(EventId = 4008, EventName = "VpnHostNetworkFailed", Level = LogLevel.Error, Message = "VPN routes or proxy ARP could not be set: {Problem}")]
    public static partial void VpnHostNetworkFailed(this ILogger logger, string problem);

    [LoggerMessage(EventId = 4009, EventName = "VpnGatewayReconfigured", Level = LogLevel.Information, Message = "VPN gateway settings changed; sessions up keep theirs until they reconnect")]
    public static partial void VpnGatewayReconfigured(this ILogger logger);

    [LoggerMessage(EventId = 4010, EventName = "VpnClientState", Level = LogLevel.Information, Message = "VPN connection to {Server}: {State}{Detail}")]
    public static partial void VpnClientState(this ILogger logger, string server, string state, string detail);
}
