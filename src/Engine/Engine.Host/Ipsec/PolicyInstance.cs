namespace Engine.Host.Ipsec;

/// <summary>
/// A data plane policy entry made for the SAs of one pair of selectors (strongSwan installs its
/// policies with its SAs the same way): the trap covering them stays generic, each conversation
/// gets its own reqid, so two peers under one "any" filter never share an SA.
/// </summary>
internal sealed class PolicyInstance(int id, SelectorPair selectors, NegotiationTrap? trap)
{
    /// <summary>The entry id, also its reqid.</summary>
    public int Id { get; } = id;

    public SelectorPair Selectors { get; } = selectors;

    /// <summary>The filter whose trap covers it; null for SAs the default response rule answered.</summary>
    public NegotiationTrap? Trap { get; set; } = trap;

    /// <summary>Installed SAs (both directions, current and rekeyed) that use this entry.</summary>
    public int SaCount { get; set; }

    /// <summary>
    /// Whether the conversation needs its own nftables rules: nftables' policy rules do not secure
    /// it (default response) or still accept its cleartext (inpass, soft).
    /// </summary>
    public bool NeedsConversationRules => Trap is null || Trap.NeedsConversationRules;
}
