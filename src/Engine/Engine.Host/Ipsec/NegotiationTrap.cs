using Engine.Ike.Configuration;
using IpSecPolicy.Model.Compiler;

namespace Engine.Host.Ipsec;

/// <summary>
/// One effective Negotiate filter as the data plane's trap: packets it covers and no SA protects
/// yet raise an acquire, which IKE answers with a quick mode for <see cref="Policy"/>.
/// </summary>
/// <param name="EntryId">The data plane's policy entry id (also its reqid, which never gets an SA).</param>
/// <param name="Index">The filter's place among the negotiate filters, most specific first.</param>
/// <param name="Policy">What IKE negotiates for it.</param>
/// <param name="Filter">The compiled filter (its action's inpass and soft settings).</param>
internal sealed record NegotiationTrap(int EntryId, int Index, ChildPolicy Policy, EffectiveFilter Filter)
{
    /// <summary>
    /// Whether nftables alone cannot enforce what an SA of this filter needs: with inpass or soft,
    /// cleartext inbound is accepted until a conversation is secured, so its SAs add rules.
    /// </summary>
    public bool NeedsConversationRules => Filter.AllowUnsecuredInbound || Filter.FallbackToClear;
}
