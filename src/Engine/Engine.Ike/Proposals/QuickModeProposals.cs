using System.Buffers.Binary;
using KeyExchanges = Engine.Crypto.Registry.KeyExchanges;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;
using WireGroup = Engine.Ike.Encoding.Registry.DiffieHellmanGroup;

namespace Engine.Ike.Proposals;

/// <summary>
/// Quick mode SA payloads: the initiator's offer (one proposal number per security method, AH and
/// ESP under one number when combined, one transform each), the responder's choice among a peer's
/// proposals in the peer's order, and the initiator's check of the answer.
/// </summary>
internal static class QuickModeProposals
{
    /// <summary>What a quick mode must agree on besides the algorithms.</summary>
    internal sealed record Constraints(IReadOnlyList<EncapsulationMode> Encapsulations, ushort? RequiredPfsGroup, bool KeyExchangeSent);

    public static SecurityAssociationPayload BuildOffer(IReadOnlyList<QuickModeProposal> proposals, uint espSpi, uint ahSpi, EncapsulationMode encapsulation, ushort? pfsGroup)
    {
        var payloads = new List<ProposalPayload>();
        for (var i = 0; i < proposals.Count; i++)
        {
            var proposal = proposals[i];
            var number = (byte)(i + 1);
            if (proposal.Ah is { } ah)
            {
                var attributes = Common(proposal, encapsulation, pfsGroup).Append(IpsecAttributes.Authentication(ah.Integrity));
                payloads.Add(new ProposalPayload(number, IsakmpProtocolId.Ah, Spi(ahSpi), [new TransformPayload(1, (byte)ah.Transform, attributes)]));
            }

            if (proposal.Esp is { } esp)
            {
                var attributes = Common(proposal, encapsulation, pfsGroup);
                if (esp.Integrity is { } integrity)
                {
                    attributes = attributes.Append(IpsecAttributes.Authentication(integrity));
                }

                if (esp.KeyLengthBits != 0)
                {
                    attributes = attributes.Append(IpsecAttributes.KeyLength(esp.KeyLengthBits));
                }

                payloads.Add(new ProposalPayload(number, IsakmpProtocolId.Esp, Spi(espSpi), [new TransformPayload(1, (byte)esp.Transform, attributes)]));
            }
        }

        return new SecurityAssociationPayload(payloads);
    }

    /// <summary>The responder's answer: the chosen transforms as the peer sent them, under our own SPIs.</summary>
    public static SecurityAssociationPayload BuildAnswer(QuickModeSelection selection, IReadOnlyDictionary<IsakmpProtocolId, uint> ourSpis) =>
        new(selection.Protocols.Select(choice =>
            new ProposalPayload(selection.ProposalNumber, choice.Protocol, Spi(ourSpis[choice.Protocol]), [choice.Transform])));

    /// <summary>
    /// The first proposal of the peer's, in its order, that one of our methods matches in every
    /// protocol. Each refused proposal or transform gets a line in <paramref name="refusals"/>.
    /// </summary>
    public static QuickModeSelection? Select(SecurityAssociationPayload offer, IReadOnlyList<QuickModeProposal> ours, Constraints constraints, List<string> refusals)
    {
        foreach (var group in offer.Proposals.GroupBy(proposal => proposal.ProposalNumber))
        {
            var protocols = group.ToArray();
            var selection = SelectGroup(group.Key, protocols, ours, constraints, out var reason);
            if (selection is not null)
            {
                return selection;
            }

            refusals.Add($"proposal {group.Key} ({string.Join("+", protocols.Select(p => p.ProtocolId))}): {reason}");
        }

        return null;
    }

    /// <summary>The initiator's check: one proposal number with one transform per protocol, matching what we offered.</summary>
    public static QuickModeSelection? CheckAnswer(SecurityAssociationPayload answer, IReadOnlyList<QuickModeProposal> offered, Constraints constraints, out string reason)
    {
        var groups = answer.Proposals.GroupBy(proposal => proposal.ProposalNumber).ToArray();
        if (groups.Length != 1 || groups[0].Any(proposal => proposal.Transforms.Count != 1))
        {
            reason = "the answer must hold one proposal with one transform per protocol";
            return null;
        }

        return SelectGroup(groups[0].Key, groups[0].ToArray(), offered, constraints, out reason);
    }

    private static QuickModeSelection? SelectGroup(byte number, ProposalPayload[] protocols, IReadOnlyList<QuickModeProposal> ours, Constraints constraints, out string reason)
    {
        var ah = protocols.Where(p => p.ProtocolId == IsakmpProtocolId.Ah).ToArray();
        var esp = protocols.Where(p => p.ProtocolId == IsakmpProtocolId.Esp).ToArray();
        if (ah.Length > 1 || esp.Length > 1 || ah.Length + esp.Length != protocols.Length)
        {
            reason = "only ESP, AH, or AH with ESP are supported";
            return null;
        }

        var reasons = new List<string>();
        foreach (var candidate in ours)
        {
            if ((candidate.Ah is null) != (ah.Length == 0) || (candidate.Esp is null) != (esp.Length == 0))
            {
                continue;
            }

            var choices = new List<QuickModeProtocolChoice>();
            IpsecTransformAttributes? common = null;
            if (ah.Length == 1)
            {
                var found = FirstMatch(ah[0], transform => MatchAh(transform, candidate.Ah!), constraints, reasons);
                if (found is null)
                {
                    continue;
                }

                choices.Add(new QuickModeProtocolChoice(IsakmpProtocolId.Ah, ReadSpi(ah[0]), found.Value.Transform));
                common = found.Value.Attributes;
            }

            if (esp.Length == 1)
            {
                var found = FirstMatch(esp[0], transform => MatchEsp(transform, candidate.Esp!), constraints, reasons);
                if (found is null)
                {
                    continue;
                }

                choices.Add(new QuickModeProtocolChoice(IsakmpProtocolId.Esp, ReadSpi(esp[0]), found.Value.Transform));
                common = found.Value.Attributes;
            }

            reason = string.Empty;
            return new QuickModeSelection(
                candidate,
                number,
                choices,
                common!.LifetimeSeconds,
                common.LifetimeKilobytes,
                common.Encapsulation ?? constraints.Encapsulations[0],
                common.Group);
        }

        reason = reasons.Count == 0
            ? "no method of ours has this combination of protocols"
            : string.Join("; ", reasons.Distinct());
        return null;
    }

    private static (TransformPayload Transform, IpsecTransformAttributes Attributes)? FirstMatch(
        ProposalPayload proposal, Func<TransformPayload, string?> matchAlgorithms, Constraints constraints, List<string> reasons)
    {
        foreach (var transform in proposal.Transforms)
        {
            var attributes = IpsecTransformAttributes.Parse(transform);
            var problem = matchAlgorithms(transform) ?? MatchCommon(attributes, constraints);
            if (problem is null)
            {
                return (transform, attributes);
            }

            reasons.Add($"transform {transform.TransformNumber}: {problem}");
        }

        return null;
    }

    private static string? MatchCommon(IpsecTransformAttributes attributes, Constraints constraints)
    {
        if (attributes.Unsupported.Count > 0)
        {
            return $"unsupported {string.Join(", ", attributes.Unsupported)}";
        }

        if (attributes.Encapsulation is { } mode && !constraints.Encapsulations.Contains(mode))
        {
            return $"encapsulation {mode}, expected {string.Join(" or ", constraints.Encapsulations)}";
        }

        if (attributes.Group is { } group)
        {
            if (!KeyExchanges.IsSupported((DiffieHellmanGroup)group))
            {
                return $"PFS group {group} is not implemented";
            }

            if (constraints.RequiredPfsGroup is { } required && required != group)
            {
                return $"PFS group {group}, policy requires {required}";
            }

            if (!constraints.KeyExchangeSent)
            {
                return $"PFS group {group} without a KE payload";
            }
        }
        else if (constraints.RequiredPfsGroup is { } required)
        {
            return $"no PFS, policy requires group {required}";
        }
        else if (constraints.KeyExchangeSent)
        {
            return "a KE payload without a PFS group";
        }

        return null;
    }

    private static string? MatchEsp(TransformPayload transform, EspProposal ours)
    {
        var attributes = IpsecTransformAttributes.Parse(transform);
        var id = (EspTransformId)transform.TransformId;
        if (id != ours.Transform)
        {
            return $"ESP {id}, not {ours}";
        }

        var keyLength = id is EspTransformId.AesCbc or EspTransformId.AesGcm16 ? attributes.KeyLengthBits : (ushort)0;
        var ourKeyLength = id is EspTransformId.AesCbc or EspTransformId.AesGcm16 ? ours.KeyLengthBits : (ushort)0;
        if (keyLength != ourKeyLength)
        {
            return $"ESP {id} with key length {attributes.KeyLengthBits}, not {ours}";
        }

        if (attributes.Authentication != ours.Integrity)
        {
            return $"ESP integrity {attributes.Authentication?.ToString() ?? "none"}, not {ours}";
        }

        return null;
    }

    private static string? MatchAh(TransformPayload transform, AhProposal ours)
    {
        var attributes = IpsecTransformAttributes.Parse(transform);
        var id = (AhTransformId)transform.TransformId;
        if (id != ours.Transform)
        {
            return $"AH {id}, not {ours}";
        }

        if (attributes.Authentication is { } authentication && authentication != ours.Integrity)
        {
            return $"AH integrity {authentication}, not {ours}";
        }

        return null;
    }

    private static IEnumerable<DataAttribute> Common(QuickModeProposal proposal, EncapsulationMode encapsulation, ushort? pfsGroup)
    {
        foreach (var attribute in IpsecAttributes.LifetimeSeconds(proposal.LifetimeSeconds))
        {
            yield return attribute;
        }

        foreach (var attribute in IpsecAttributes.LifetimeKilobytes(proposal.LifetimeKilobytes))
        {
            yield return attribute;
        }

        if (pfsGroup is { } group)
        {
            yield return IpsecAttributes.Group((WireGroup)group);
        }

        yield return IpsecAttributes.Encapsulation(encapsulation);
    }

    private static byte[] Spi(uint spi)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, spi);
        return bytes;
    }

    private static uint ReadSpi(ProposalPayload proposal) => BinaryPrimitives.ReadUInt32BigEndian(proposal.Spi.Span);
}
