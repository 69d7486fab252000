using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Proposal payload (RFC 2408 section 3.5), only ever inside an SA. Proposals that share a
/// proposal number are combined with AND (e.g. AH and ESP together); different numbers are
/// alternatives. The transforms are the alternatives of one proposal, in order of preference.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Proposal #   !  Protocol-Id  !    SPI Size   !# of Transforms!
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !                        SPI (variable)                         !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                    Transform payloads                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class ProposalPayload : IsakmpPayload
{
    private readonly byte[] spi;

    public ProposalPayload(byte proposalNumber, IsakmpProtocolId protocolId, ReadOnlySpan<byte> spi, IEnumerable<TransformPayload> transforms)
    {
        ProposalNumber = proposalNumber;
        ProtocolId = protocolId;
        this.spi = spi.ToArray();
        Transforms = transforms.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Proposal;

    public byte ProposalNumber { get; }

    public IsakmpProtocolId ProtocolId { get; }

    /// <summary>Empty for phase 1 (the cookies are the SPI); the 4-byte inbound SPI for AH/ESP.</summary>
    public ReadOnlyMemory<byte> Spi => spi;

    public IReadOnlyList<TransformPayload> Transforms { get; }

    public override int BodyLength => 4 + spi.Length + Transforms.Sum(transform => transform.Length);

    public static ProposalPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var number = reader.ReadByte("proposal number");
        var protocol = (IsakmpProtocolId)reader.ReadByte("proposal protocol id");
        var spiSize = reader.ReadByte("proposal SPI size");
        var count = reader.ReadByte("proposal transform count");
        var spi = reader.ReadBytes(spiSize, "proposal SPI");
        var transforms = NestedPayloads.Parse(reader.ReadRemaining(), IsakmpPayloadType.Transform, TransformPayload.Parse);
        if (transforms.Count != count)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.BadProposalSyntax, $"proposal {number} announces {count} transforms but holds {transforms.Count}");
        }

        return new ProposalPayload(number, protocol, spi, transforms);
    }

    /// <summary>
    /// RFC 2408 section 3.5 and RFC 2407 section 4.4: at least one transform; an SPI that fits the
    /// protocol (none or the 16 cookie bytes for ISAKMP, 4 bytes for AH/ESP, 2 or 4 for IPComp).
    /// </summary>
    public override void Verify()
    {
        if (Transforms.Count is 0 or > byte.MaxValue)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.BadProposalSyntax, $"proposal {ProposalNumber} has {Transforms.Count} transforms");
        }

        var spiFits = ProtocolId switch
        {
            IsakmpProtocolId.Isakmp => spi.Length is 0 or 16,
            IsakmpProtocolId.Ah or IsakmpProtocolId.Esp => spi.Length == 4,
            IsakmpProtocolId.IpComp => spi.Length is 2 or 4,
            _ => throw new IsakmpProtocolException(IsakmpNotifyType.InvalidProtocolId, $"proposal {ProposalNumber} names protocol {(byte)ProtocolId}"),
        };
        if (!spiFits)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidSpi, $"proposal {ProposalNumber} for {ProtocolId} carries a {spi.Length}-byte SPI");
        }

        foreach (var transform in Transforms)
        {
            transform.Verify(ProtocolId);
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteByte(ProposalNumber);
        writer.WriteByte((byte)ProtocolId);
        writer.WriteByte((byte)spi.Length);
        writer.WriteByte((byte)Transforms.Count);
        writer.WriteBytes(spi);
        NestedPayloads.Write(Transforms, ref writer);
    }
}
