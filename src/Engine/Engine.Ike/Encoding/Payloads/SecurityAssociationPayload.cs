using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Security Association payload (RFC 2408 section 3.4) in the IPsec DOI (RFC 2407 section 4.6.1)
/// with the SIT_IDENTITY_ONLY situation, which is all that IKEv1 peers send; the secrecy and
/// integrity situations would add labelled-domain fields after the situation word.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !              Domain of Interpretation  (DOI)                  !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                           Situation                           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                  Proposal payloads (with transforms)          ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class SecurityAssociationPayload : IsakmpPayload
{
    public SecurityAssociationPayload(IEnumerable<ProposalPayload> proposals)
        : this(IsakmpDomainOfInterpretation.Ipsec, IpsecSituation.IdentityOnly, proposals)
    {
    }

    public SecurityAssociationPayload(IsakmpDomainOfInterpretation doi, IpsecSituation situation, IEnumerable<ProposalPayload> proposals)
    {
        Doi = doi;
        Situation = situation;
        Proposals = proposals.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.SecurityAssociation;

    public IsakmpDomainOfInterpretation Doi { get; }

    public IpsecSituation Situation { get; }

    public IReadOnlyList<ProposalPayload> Proposals { get; }

    public override int BodyLength => 8 + Proposals.Sum(proposal => proposal.Length);

    /// <summary>
    /// The DOI and situation decide how the rest of the body is laid out, so an unsupported one
    /// stops the parse with the notification RFC 2408 section 5.4 names for it.
    /// </summary>
    public static SecurityAssociationPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var doi = (IsakmpDomainOfInterpretation)reader.ReadUInt32("SA domain of interpretation");
        var situation = (IpsecSituation)reader.ReadUInt32("SA situation");
        VerifyDoiAndSituation(doi, situation);
        var proposals = NestedPayloads.Parse(reader.ReadRemaining(), IsakmpPayloadType.Proposal, ProposalPayload.Parse);
        return new SecurityAssociationPayload(doi, situation, proposals);
    }

    public override void Verify()
    {
        VerifyDoiAndSituation(Doi, Situation);
        if (Proposals.Count == 0)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.BadProposalSyntax, "SA payload without proposals");
        }

        foreach (var proposal in Proposals)
        {
            proposal.Verify();
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteUInt32((uint)Doi);
        writer.WriteUInt32((uint)Situation);
        NestedPayloads.Write(Proposals, ref writer);
    }

    private static void VerifyDoiAndSituation(IsakmpDomainOfInterpretation doi, IpsecSituation situation)
    {
        if (doi != IsakmpDomainOfInterpretation.Ipsec)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.DoiNotSupported, $"SA DOI {(uint)doi} is not the IPsec DOI");
        }

        if (situation != IpsecSituation.IdentityOnly)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.SituationNotSupported, $"SA situation 0x{(uint)situation:x8} is not SIT_IDENTITY_ONLY");
        }
    }
}
