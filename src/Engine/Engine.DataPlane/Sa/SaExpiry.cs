namespace Engine.DataPlane.Sa;

/// <summary>An SA reached a lifetime limit.</summary>
/// <param name="Sa">The SA.</param>
/// <param name="Hard">False: soft, rekey while it still works. True: it no longer works and was removed.</param>
/// <param name="Reason">Which limit.</param>
public sealed record SaExpiry(SecurityAssociation Sa, bool Hard, ExpiryReason Reason);
