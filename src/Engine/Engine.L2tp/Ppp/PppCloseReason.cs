namespace Engine.L2tp.Ppp;

/// <summary>Why a PPP session ended (the reason in <see cref="PppSessionClosedEventArgs"/> and the audit log).</summary>
public enum PppCloseReason
{
    /// <summary>The host closed the session (Disconnect-VpnSession, gateway stop, client disconnect).</summary>
    LocalClose,

    /// <summary>The peer sent LCP Terminate-Request.</summary>
    PeerTerminated,

    /// <summary>The tunnel under the session went away (L2TP CDN or StopCCN, tunnel timeout).</summary>
    LowerLayerDown,

    /// <summary>LCP got no answer to Max-Configure Configure-Requests.</summary>
    NegotiationTimeout,

    /// <summary>LCP or an NCP could not agree with the peer on options we cannot do without.</summary>
    NegotiationFailed,

    /// <summary>Authentication failed (unknown user, wrong password, or the server refused us); see the AuthenticationFailed event.</summary>
    AuthenticationFailed,

    /// <summary>The two sides share no authentication protocol.</summary>
    AuthenticationProtocolRefused,

    /// <summary>The authentication exchange did not complete in time.</summary>
    AuthenticationTimeout,

    /// <summary>LCP Echo-Requests went unanswered (the peer is gone).</summary>
    KeepaliveTimeout,

    /// <summary>No IP traffic for longer than the idle timeout.</summary>
    IdleTimeout,

    /// <summary>Our own Magic-Number kept coming back: the link is looped back.</summary>
    LoopbackDetected,

    /// <summary>No address could be assigned: the pool is exhausted or the user's static address is in use.</summary>
    AddressUnavailable,

    /// <summary>Every network control protocol (IPCP, IPv6CP) finished, so the link has nothing to carry.</summary>
    NoNetworkProtocol,

    /// <summary>The peer rejected LCP itself or one of its essential codes.</summary>
    ProtocolRejected,
}
