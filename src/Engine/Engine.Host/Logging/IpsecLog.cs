using System;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Logging;

/// <summary>The data plane and its host wiring: TUN, sockets, SAs, nftables, fallback and failure block. Event ids 3000-3099.</summary>
internal static partial class IpsecLog
{
    [LoggerMessage(EventId = 3000, EventName = "DataPlaneStarted", Level = LogLevel.Information,
        Message = "Data plane up: TUN {Tun} (MTU {Mtu}), IKE and ESP sockets on {Addresses}")]
    public static partial void DataPlaneStarted(this ILogger logger, string tun, int mtu, string addresses);

    [LoggerMessage(EventId = 3001, EventName = "EnforcementApplied", Level = LogLevel.Information,
        Message = "nftables table inet ipsecpolicy: {Rules} rules ({Conversations} for established conversations)")]
    public static partial void EnforcementApplied(this ILogger logger, int rules, int conversations);

    [LoggerMessage(EventId = 3002, EventName = "SaInstalled", Level = LogLevel.Debug, Message = "Installed {Sa} (reqid {ReqId})")]
    public static partial void SaInstalled(this ILogger logger, string sa, int reqId);

    [LoggerMessage(EventId = 3003, EventName = "SaRemoved", Level = LogLevel.Debug, Message = "Removed {Sa}")]
    public static partial void SaRemoved(this ILogger logger, string sa);

    [LoggerMessage(EventId = 3004, EventName = "Acquire", Level = LogLevel.Debug, Message = "Acquire for {Source} -> {Destination} (policy '{Policy}')")]
    public static partial void Acquire(this ILogger logger, string source, string destination, string policy);

    [LoggerMessage(EventId = 3005, EventName = "DataPlaneEventFailed", Level = LogLevel.Error, Message = "Handling a data plane event failed")]
    public static partial void EventFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3006, EventName = "FallbackToClear", Level = LogLevel.Warning,
        Message = "No IKE answer from {Peer} within {Seconds} s: traffic {Local} <-> {Peer} passes in the clear (soft SA) for {Minutes} min")]
    public static partial void FallbackToClear(this ILogger logger, string local, string peer, int seconds, int minutes);

    [LoggerMessage(EventId = 3007, EventName = "NegotiationBlocked", Level = LogLevel.Warning,
        Message = "Negotiation for {Local} <-> {Peer} failed: that traffic is blocked for {Seconds} s")]
    public static partial void NegotiationBlocked(this ILogger logger, string local, string peer, int seconds);

    [LoggerMessage(EventId = 3008, EventName = "DataPlaneStopped", Level = LogLevel.Information, Message = "Data plane stopped; nftables enforcement stays in place (fail closed)")]
    public static partial void DataPlaneStopped(this ILogger logger);
}
