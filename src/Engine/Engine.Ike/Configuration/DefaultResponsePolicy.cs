namespace Engine.Ike.Configuration;

/// <summary>
/// Windows' default response rule: when no filter of ours covers what a peer asks for in quick
/// mode, answer anyway with these methods, for exactly the traffic the peer named, in transport
/// mode ("Client (Respond Only)").
/// </summary>
public sealed class DefaultResponsePolicy
{
    public required IReadOnlyList<QuickModeProposal> Proposals { get; init; }

    public bool Pfs { get; init; }
}
