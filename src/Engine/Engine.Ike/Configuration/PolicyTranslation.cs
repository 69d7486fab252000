
namespace Engine.Ike.Configuration;

/// <summary>The IKE view of a compiled policy and what of the policy IKE cannot use (said, not thrown).</summary>
public sealed record PolicyTranslation(IkePolicy Policy, IReadOnlyList<string> Warnings);
