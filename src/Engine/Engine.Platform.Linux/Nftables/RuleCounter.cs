namespace Engine.Platform.Linux.Nftables;

/// <summary>The counter of one rule in the enforcement table, as <c>nft -j list table</c> reports it.</summary>
/// <param name="Chain">The chain holding the rule, one of the <see cref="NftScriptWriter"/> chain names.</param>
/// <param name="Comment">The rule's comment: the <see cref="EnforcementRule.Comment"/> or "rule N".</param>
/// <param name="Packets">Packets that matched the rule since the table was last replaced.</param>
/// <param name="Bytes">Bytes of those packets, IP header included.</param>
public sealed record RuleCounter(string Chain, string Comment, long Packets, long Bytes);
