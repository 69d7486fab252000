using Engine.Ike.Encoding.Attributes;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Transform payload (RFC 2408 section 3.6), only ever inside a proposal. The transform id is read
/// against the proposal's protocol: <see cref="IkeTransformId"/> for ISAKMP,
/// <see cref="EspTransformId"/> or <see cref="AhTransformId"/> for IPsec; attributes likewise
/// against <see cref="IkeAttributeType"/> or <see cref="IpsecAttributeType"/>.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// !  Transform #  !  Transform-Id !           RESERVED2           !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        SA Attributes                          ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class TransformPayload : IsakmpPayload
{
    public TransformPayload(byte transformNumber, byte transformId, IEnumerable<DataAttribute> attributes)
    {
        TransformNumber = transformNumber;
        TransformId = transformId;
        Attributes = attributes.ToArray();
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Transform;

    public byte TransformNumber { get; }

    public byte TransformId { get; }

    public IReadOnlyList<DataAttribute> Attributes { get; }

    public override int BodyLength => 4 + DataAttributeList.GetLength(Attributes);

    /// <summary>The attribute of the given type, or null.</summary>
    public DataAttribute? FindAttribute(ushort type) => DataAttributeList.Find(Attributes, type);

    public DataAttribute? FindAttribute(IkeAttributeType type) => FindAttribute((ushort)type);

    public DataAttribute? FindAttribute(IpsecAttributeType type) => FindAttribute((ushort)type);

    public static TransformPayload Parse(ReadOnlySpan<byte> body)
    {
        var reader = new IsakmpReader(body);
        var number = reader.ReadByte("transform number");
        var id = reader.ReadByte("transform id");
        reader.ReadUInt16("transform reserved field");
        return new TransformPayload(number, id, DataAttributeList.Parse(reader.ReadRemaining()));
    }

    /// <summary>
    /// Checks that need no knowledge of the proposal's protocol; a transform is only ever verified
    /// as part of its proposal, which calls <see cref="Verify(IsakmpProtocolId)"/>.
    /// </summary>
    public override void Verify()
    {
    }

    /// <summary>
    /// RFC 2407 section 4.4 and RFC 2409 Appendix A: an ISAKMP proposal offers only KEY_IKE. An
    /// attribute type appears once per transform, except the Life Type / Life Duration pair, which
    /// may appear once per unit (seconds and kilobytes), each duration right after its type
    /// (RFC 2407 section 4.5). Anything else makes the proposal ambiguous: BAD-PROPOSAL-SYNTAX.
    /// </summary>
    public void Verify(IsakmpProtocolId protocol)
    {
        if (protocol == IsakmpProtocolId.Isakmp && TransformId != (byte)IkeTransformId.KeyIke)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidTransformId, $"ISAKMP transform {TransformNumber} has transform id {TransformId}");
        }

        var (lifeType, lifeDuration) = protocol == IsakmpProtocolId.Isakmp
            ? ((ushort)IkeAttributeType.LifeType, (ushort)IkeAttributeType.LifeDuration)
            : ((ushort)IpsecAttributeType.SaLifeType, (ushort)IpsecAttributeType.SaLifeDuration);
        var seen = new HashSet<ushort>();
        var lifeTypes = new HashSet<ushort>();
        for (var i = 0; i < Attributes.Count; i++)
        {
            var attribute = Attributes[i];
            if (attribute.Type == lifeType)
            {
                if (!lifeTypes.Add(attribute.BasicValue))
                {
                    throw BadSyntax($"repeats life type {attribute.BasicValue}");
                }
            }
            else if (attribute.Type == lifeDuration)
            {
                if (i == 0 || Attributes[i - 1].Type != lifeType)
                {
                    throw BadSyntax("has a life duration that does not follow a life type");
                }
            }
            else if (!seen.Add(attribute.Type))
            {
                throw BadSyntax($"repeats attribute type {attribute.Type}");
            }
        }
    }

    public override void WriteBody(ref IsakmpWriter writer)
    {
        writer.WriteByte(TransformNumber);
        writer.WriteByte(TransformId);
        writer.WriteUInt16(0);
        DataAttributeList.Write(Attributes, ref writer);
    }

    private IsakmpProtocolException BadSyntax(string problem) =>
        new(IsakmpNotifyType.BadProposalSyntax, $"transform {TransformNumber} {problem}");
}
