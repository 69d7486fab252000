namespace Engine.Ike.Events;

/// <summary>Why a negotiation failed, in the words of Windows' 547 event where it has them.</summary>
public enum NegotiationFailureReason
{
    /// <summary>No response from peer: the last retransmission went unanswered.</summary>
    NoResponse,

    /// <summary>No common proposal (NO-PROPOSAL-CHOSEN).</summary>
    NoProposalChosen,

    /// <summary>IKE authentication credentials are unacceptable: a bad HASH_I/HASH_R or an undecryptable message 5, i.e. the pre-shared keys differ.</summary>
    AuthenticationFailed,

    /// <summary>No rule covers the traffic the peer named (INVALID-ID-INFORMATION).</summary>
    InvalidIdInformation,

    /// <summary>A message could not be parsed or broke the exchange's rules (PAYLOAD-MALFORMED and kin).</summary>
    PayloadMalformed,

    /// <summary>The peer's Diffie-Hellman value was refused (INVALID-KEY-INFORMATION).</summary>
    InvalidKeyInformation,

    /// <summary>A quick mode HASH did not verify (INVALID-HASH-INFORMATION).</summary>
    InvalidHashInformation,

    /// <summary>We have no pre-shared key or no policy for this peer.</summary>
    NoPolicy,

    /// <summary>The peer sent another error notification; the event names it.</summary>
    PeerError,

    /// <summary>The IKE SA went away (deleted, expired, peer dead) before the negotiation finished.</summary>
    Aborted,
}
