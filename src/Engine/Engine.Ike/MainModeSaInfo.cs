using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Sa;

namespace Engine.Ike;

/// <summary>A snapshot of one ISAKMP SA for Get-IpSecMainModeSA (no keys).</summary>
public sealed record MainModeSaInfo
{
    public required string Id { get; init; }

    public required IPEndPoint Local { get; init; }

    public required IPEndPoint Remote { get; init; }

    public required IkeSaState State { get; init; }

    public required bool IsInitiator { get; init; }

    /// <summary>The negotiated proposal, e.g. "AesCbc-256/Sha2_256/DH14"; empty before message 2.</summary>
    public required string Proposal { get; init; }

    public required DateTimeOffset Created { get; init; }

    public DateTimeOffset? Established { get; init; }

    public required TimeSpan Lifetime { get; init; }

    public required int QuickModes { get; init; }

    public required bool NatDetected { get; init; }

    public required IReadOnlyList<string> PeerVendorIds { get; init; }

    /// <summary>The negotiated proposal as a value (cipher, key length, hash, group); null before message 2.</summary>
    public MainModeProposal? NegotiatedProposal { get; init; }

    /// <summary>How the peers authenticate: this engine's main mode uses pre-shared keys only.</summary>
    public IkeAuthenticationMethod Authentication { get; init; } = IkeAuthenticationMethod.PreSharedKey;

    /// <summary>The NAT-T dialect both peers announced (None when either does not do NAT-T).</summary>
    public NatTraversalVersion NatTraversal { get; init; }

    /// <summary>What the peer's vendor IDs say it is, e.g. "Windows 10" or "strongSwan"; null when they say nothing.</summary>
    public string? PeerType { get; init; }
}
