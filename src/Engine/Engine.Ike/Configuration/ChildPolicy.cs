using System.Net;
using Engine.Crypto.KeyExchange;
using Engine.Ike.Kernel;
using Engine.Ike.Selectors;

namespace Engine.Ike.Configuration;

/// <summary>
/// What one negotiate filter asks of quick mode, seen from our side: the traffic (local and
/// remote selectors), transport or tunnel mode (tunnel: the peer gateway), the security methods in
/// preference order, and session key PFS. When <see cref="PfsGroup"/> is null, PFS uses the main
/// mode's group, as Windows does for "qmpfs".
/// </summary>
public sealed class ChildPolicy
{
    public required string Name { get; init; }

    public required TrafficSelector Local { get; init; }

    public required TrafficSelector Remote { get; init; }

    public IpsecMode Mode => TunnelPeer is null ? IpsecMode.Transport : IpsecMode.Tunnel;

    /// <summary>The remote tunnel endpoint; null in transport mode.</summary>
    public IPAddress? TunnelPeer { get; init; }

    public required IReadOnlyList<QuickModeProposal> Proposals { get; init; }

    public bool Pfs { get; init; }

    public DiffieHellmanGroup? PfsGroup { get; init; }

    public override string ToString() =>
        $"{Name}: {Local} <-> {Remote} {Mode}{(TunnelPeer is null ? string.Empty : $" via {TunnelPeer}")}{(Pfs ? " PFS" : string.Empty)}";
}
