using Engine.Crypto.KeyExchange;
using Engine.Crypto.Registry;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;
using WireGroup = Engine.Ike.Encoding.Registry.DiffieHellmanGroup;

namespace Engine.Ike.Proposals;

/// <summary>
/// Main mode SA payloads: the initiator's offer (one ISAKMP proposal, one transform per main mode
/// method, as Windows sends it) and the responder's choice among a peer's transforms.
/// </summary>
internal static class MainModeProposals
{
    public static SecurityAssociationPayload BuildOffer(MainModePolicy policy)
    {
        var transforms = policy.Proposals
            .Select((proposal, index) => new TransformPayload((byte)(index + 1), (byte)IkeTransformId.KeyIke, Attributes(proposal, policy.Lifetime)))
            .ToArray();
        return new SecurityAssociationPayload([new ProposalPayload(1, IsakmpProtocolId.Isakmp, ReadOnlySpan<byte>.Empty, transforms)]);
    }

    /// <summary>The responder's answer: the chosen transform exactly as the peer sent it, in a proposal with its number.</summary>
    public static SecurityAssociationPayload BuildAnswer(MainModeSelection selection) =>
        new([new ProposalPayload(selection.PeerProposal.ProposalNumber, IsakmpProtocolId.Isakmp, selection.PeerProposal.Spi.Span, [selection.PeerTransform])]);

    /// <summary>
    /// The first of the peer's transforms, in the peer's order of preference, that is one of our
    /// methods. Every transform passed over gets a line in <paramref name="refusals"/>.
    /// </summary>
    public static MainModeSelection? Select(SecurityAssociationPayload offer, MainModePolicy policy, List<string> refusals)
    {
        foreach (var proposal in offer.Proposals)
        {
            if (proposal.ProtocolId != IsakmpProtocolId.Isakmp)
            {
                refusals.Add($"proposal {proposal.ProposalNumber}: protocol {proposal.ProtocolId} in main mode");
                continue;
            }

            foreach (var transform in proposal.Transforms)
            {
                var match = Match(transform, policy, out var reason);
                if (match is not null)
                {
                    return new MainModeSelection(match.Value.Proposal, proposal, transform, match.Value.Lifetime);
                }

                refusals.Add($"proposal {proposal.ProposalNumber} transform {transform.TransformNumber}: {reason}");
            }
        }

        return null;
    }

    /// <summary>
    /// Checks the responder's answer: exactly one proposal with one transform, and that transform
    /// one of ours. Returns our proposal and the lifetime, or null with the reason.
    /// </summary>
    public static (MainModeProposal Proposal, TimeSpan Lifetime)? CheckAnswer(SecurityAssociationPayload answer, MainModePolicy policy, out string reason)
    {
        if (answer.Proposals.Count != 1 || answer.Proposals[0].Transforms.Count != 1)
        {
            reason = $"the answer holds {answer.Proposals.Count} proposals and {answer.Proposals.Sum(p => p.Transforms.Count)} transforms, not one";
            return null;
        }

        return Match(answer.Proposals[0].Transforms[0], policy, out reason);
    }

    private static (MainModeProposal Proposal, TimeSpan Lifetime)? Match(TransformPayload transform, MainModePolicy policy, out string reason)
    {
        var attributes = IkeTransformAttributes.Parse(transform);
        reason = string.Empty;
        if (attributes.Unsupported.Count > 0)
        {
            reason = $"{attributes}: unsupported {string.Join(", ", attributes.Unsupported)}";
            return null;
        }

        if (attributes.Encryption is not { } encryption || attributes.Hash is not { } hash || attributes.Group is not { } group || attributes.Authentication is not { } authentication)
        {
            reason = $"{attributes}: cipher, hash, group and authentication method are all required";
            return null;
        }

        if (authentication != IkeAuthenticationMethod.PreSharedKey)
        {
            reason = $"{attributes}: authentication {authentication} is not configured (pre-shared key only)";
            return null;
        }

        if (!Ikev1Algorithms.TryGetCipher((Ikev1EncryptionAlgorithm)(ushort)encryption, attributes.KeyLengthBits, out _))
        {
            reason = $"{attributes}: cipher {encryption} with key length {attributes.KeyLengthBits} is not implemented";
            return null;
        }

        if (!Ikev1Algorithms.TryGetPrf((Ikev1HashAlgorithm)(ushort)hash, out _))
        {
            reason = $"{attributes}: hash {hash} is not implemented";
            return null;
        }

        if (!KeyExchanges.IsSupported((DiffieHellmanGroup)group))
        {
            reason = $"{attributes}: DH group {group} is not implemented";
            return null;
        }

        var keyLength = NormalizedKeyLength(encryption, attributes.KeyLengthBits);
        var ours = policy.Proposals.FirstOrDefault(candidate =>
            candidate.Encryption == encryption && NormalizedKeyLength(candidate.Encryption, candidate.KeyLengthBits) == keyLength
            && candidate.Hash == hash && (ushort)candidate.Group == group);
        if (ours is null)
        {
            reason = $"{attributes}: not among our main mode methods ({string.Join(", ", policy.Proposals)})";
            return null;
        }

        // Phase 1 lifetimes are not negotiated down: the SA lives as long as the shorter of the two.
        var lifetime = attributes.LifetimeSeconds ?? IkeTransformAttributes.DefaultLifetime;
        return (ours, lifetime < policy.Lifetime ? lifetime : policy.Lifetime);
    }

    /// <summary>DES and 3DES have one key length; a peer may send it or leave it out.</summary>
    private static ushort NormalizedKeyLength(IkeEncryptionAlgorithm encryption, ushort bits) =>
        encryption == IkeEncryptionAlgorithm.AesCbc ? bits : (ushort)0;

    private static IEnumerable<DataAttribute> Attributes(MainModeProposal proposal, TimeSpan lifetime)
    {
        yield return IkeAttributes.Encryption(proposal.Encryption);
        if (proposal.KeyLengthBits != 0)
        {
            yield return IkeAttributes.KeyLength(proposal.KeyLengthBits);
        }

        yield return IkeAttributes.Hash(proposal.Hash);
        yield return IkeAttributes.Authentication(IkeAuthenticationMethod.PreSharedKey);
        yield return IkeAttributes.Group((WireGroup)(ushort)proposal.Group);
        foreach (var attribute in IkeAttributes.LifetimeSeconds((uint)lifetime.TotalSeconds))
        {
            yield return attribute;
        }
    }
}
