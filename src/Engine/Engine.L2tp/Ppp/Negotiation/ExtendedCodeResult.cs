namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>How the automaton treats a code beyond the seven every control protocol shares.</summary>
internal enum ExtendedCodeResult
{
    /// <summary>RUC: answer with Code-Reject.</summary>
    Unknown,

    /// <summary>RXR or RXJ+: handled, no transition.</summary>
    Handled,

    /// <summary>RXJ-: the peer rejected something this layer cannot do without.</summary>
    Catastrophic,
}
