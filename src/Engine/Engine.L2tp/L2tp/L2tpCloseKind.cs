using System;

namespace Engine.L2tp.L2tp;

/// <summary>Why a tunnel or session went down.</summary>
public enum L2tpCloseKind
{
    /// <summary>This side asked (Close, Disconnect-VpnSession, Stop-VpnGateway).</summary>
    LocalRequest,

    /// <summary>The peer sent a StopCCN (tunnel) or CDN (session).</summary>
    PeerRequest,

    /// <summary>The peer's message broke the protocol and this side refused it with the result code given.</summary>
    ProtocolError,

    /// <summary>Tunnel authentication (Challenge / Challenge Response) failed or could not be done.</summary>
    AuthenticationFailed,

    /// <summary>The admission callback refused the tunnel or session.</summary>
    AdmissionRefused,

    /// <summary>A control message went unacknowledged through every retransmission.</summary>
    PeerUnreachable,

    /// <summary>The session's tunnel went down.</summary>
    TunnelClosed,

    /// <summary>Both sides opened a tunnel at once and the peer's tie breaker won (section 4.4.3).</summary>
    TieBreakerLost,

    /// <summary>The endpoint is shutting down.</summary>
    Shutdown,
}
