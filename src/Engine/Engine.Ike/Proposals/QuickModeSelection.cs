using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Proposals;

/// <summary>
/// A chosen quick mode proposal: our method it matched, the proposal number, each protocol's
/// transform and the peer's SPI, the lifetimes the peer asked for (null when it sent none), the
/// encapsulation mode and the PFS group, if any.
/// </summary>
internal sealed record QuickModeSelection(
    QuickModeProposal Ours,
    byte ProposalNumber,
    IReadOnlyList<QuickModeProtocolChoice> Protocols,
    uint? PeerLifetimeSeconds,
    uint? PeerLifetimeKilobytes,
    EncapsulationMode Encapsulation,
    ushort? PfsGroup);
