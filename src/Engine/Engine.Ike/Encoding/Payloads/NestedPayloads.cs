using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// The inner chains of an SA: proposals inside the SA body, transforms inside a proposal. Each has
/// the generic header, and RFC 2408 sections 3.5/3.6 allow only two next-payload values there:
/// the same type again, or NONE for the last one.
/// </summary>
internal static class NestedPayloads
{
    public delegate T BodyParser<out T>(ReadOnlySpan<byte> body);

    public static List<T> Parse<T>(ReadOnlySpan<byte> source, IsakmpPayloadType type, BodyParser<T> parseBody)
        where T : IsakmpPayload
    {
        var items = new List<T>();
        var reader = new IsakmpReader(source);
        var more = true;
        while (more)
        {
            var next = (IsakmpPayloadType)reader.ReadByte($"{type} next payload");
            reader.ReadByte($"{type} reserved field");
            var length = reader.ReadUInt16($"{type} payload length");
            if (next != type && next != IsakmpPayloadType.None)
            {
                throw new IsakmpProtocolException(IsakmpNotifyType.BadProposalSyntax, $"a {type} payload is followed by payload type {(byte)next}");
            }

            if (length < IsakmpPayload.GenericHeaderSize)
            {
                throw IsakmpProtocolException.Malformed($"{type} payload length {length} is shorter than its header");
            }

            items.Add(parseBody(reader.ReadBytes(length - IsakmpPayload.GenericHeaderSize, $"{type} payload")));
            more = next == type;
        }

        if (reader.Remaining != 0)
        {
            throw IsakmpProtocolException.Malformed($"{reader.Remaining} bytes follow the last {type} payload");
        }

        return items;
    }

    public static void Write<T>(IReadOnlyList<T> items, ref IsakmpWriter writer)
        where T : IsakmpPayload
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            writer.WriteByte((byte)(i + 1 < items.Count ? item.PayloadType : IsakmpPayloadType.None));
            writer.WriteByte(0);
            writer.WriteUInt16(CheckedLength(item));
            item.WriteBody(ref writer);
        }
    }

    public static ushort CheckedLength(IsakmpPayload payload) =>
        payload.Length <= ushort.MaxValue
            ? (ushort)payload.Length
            : throw new InvalidOperationException($"a {payload.PayloadType} payload of {payload.Length} bytes does not fit the 16-bit length field");
}
