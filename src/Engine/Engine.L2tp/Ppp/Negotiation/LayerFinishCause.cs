namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>Why a layer performed This-Layer-Finished.</summary>
internal enum LayerFinishCause
{
    /// <summary>The layer was closed locally (Close event) and the Terminate exchange ended.</summary>
    LocalClose,

    /// <summary>The peer sent Terminate-Request.</summary>
    PeerTerminated,

    /// <summary>Max-Configure Configure-Requests went unanswered (TO- while negotiating).</summary>
    NegotiationTimeout,

    /// <summary>The options did not converge, or the negotiator refused what the peer insisted on.</summary>
    NegotiationFailed,

    /// <summary>The peer rejected the protocol or a code the protocol cannot live without (RXJ-).</summary>
    Rejected,
}
