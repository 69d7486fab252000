namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>What a negotiator decided after a Configure-Nak or Configure-Reject of its request.</summary>
internal readonly record struct NegotiationOutcome(bool Failed, PppCloseReason Reason, string? Detail)
{
    public static NegotiationOutcome Continue => default;

    /// <summary>The layer cannot go on (e.g. the peer refused every authentication protocol we accept).</summary>
    public static NegotiationOutcome Fail(PppCloseReason reason, string detail) => new(true, reason, detail);
}
