using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Payloads;

namespace Engine.Ike.Proposals;

/// <summary>The proposal a responder chose in main mode: our view of it, the peer's transform to echo, the lifetime.</summary>
internal sealed record MainModeSelection(MainModeProposal Proposal, ProposalPayload PeerProposal, TransformPayload PeerTransform, TimeSpan Lifetime);
