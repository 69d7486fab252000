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
    /// RFC 2408 section 3.3 lets an attribute type appear once per transform; a repeated one makes
    /// the transform ambiguous, which is a syntax error of the proposal.
    /// </summary>
    public override void Verify()
    {
        var seen = new HashSet<ushort>();
        foreach (var attribute in Attributes)
        {
            if (!seen.Add(attribute.Type))
            {
                throw new IsakmpProtocolException(IsakmpNotifyType.BadProposalSyntax, $"transform {TransformNumber} repeats attribute type {attribute.Type}");
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
}
