using System;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>
/// The protocol-specific half of a control protocol: which options we ask for and what we accept
/// from the peer. <see cref="NegotiationAutomaton"/> owns the states, timers, identifiers and the
/// Ack/Nak/Reject bookkeeping; LCP, IPCP and IPv6CP each implement only this.
/// </summary>
internal interface IOptionNegotiator
{
    /// <summary>A fresh negotiation starts (RFC 1661 "Not currently negotiating - reset options").</summary>
    void ResetNegotiation();

    /// <summary>Writes the options of our next Configure-Request.</summary>
    void WriteRequest(ref PppPacketWriter writer);

    /// <summary>
    /// Judges each option of the peer's Configure-Request; options not naked or rejected are
    /// acknowledged. Options must be reported in the order they appear.
    /// </summary>
    void ReviewRequest(ReadOnlySpan<byte> options, ConfigureReview review);

    /// <summary>We acknowledged this Configure-Request: its values now describe the peer.</summary>
    void AcceptPeerRequest(ReadOnlySpan<byte> options);

    /// <summary>The peer acknowledged our last Configure-Request as written.</summary>
    void RequestAcknowledged();

    /// <summary>The peer naked some of our options (and may hint at options we did not send).</summary>
    NegotiationOutcome ApplyNak(ReadOnlySpan<byte> options);

    /// <summary>The peer rejected some of our options; they are a subset of our last request.</summary>
    NegotiationOutcome ApplyReject(ReadOnlySpan<byte> options);
}
