using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding;

/// <summary>
/// The top-level payload chain of a message body: each generic header names the type of the
/// payload after it, the header's Next Payload names the first. Reading walks that chain; writing
/// derives the links from the order of the list.
/// </summary>
public static class IsakmpPayloadChain
{
    /// <summary>
    /// Reads one payload (generic header and body) of the given type from the start of
    /// <paramref name="source"/>. False when the bytes end before the payload does; a protocol
    /// violation inside it throws <see cref="IsakmpProtocolException"/>.
    /// </summary>
    public static bool TryReadPayload(
        ReadOnlySpan<byte> source,
        IsakmpPayloadType type,
        out IsakmpPayload? payload,
        out IsakmpPayloadType nextPayload,
        out int bytesConsumed)
    {
        payload = null;
        nextPayload = IsakmpPayloadType.None;
        bytesConsumed = 0;
        var reader = new IsakmpReader(source);
        if (!reader.TryReadByte(out var next) || !reader.TryReadByte(out _) || !reader.TryReadUInt16(out var length))
        {
            return false;
        }

        if (length < IsakmpPayload.GenericHeaderSize)
        {
            throw IsakmpProtocolException.Malformed($"{type} payload length {length} is shorter than its header");
        }

        if (!reader.TryReadBytes(length - IsakmpPayload.GenericHeaderSize, out var body))
        {
            return false;
        }

        payload = ParseBody(type, body);
        payload.Verify();
        nextPayload = (IsakmpPayloadType)next;
        bytesConsumed = length;
        return true;
    }

    /// <summary>
    /// Reads a whole chain that fills <paramref name="body"/>, starting with <paramref name="firstPayload"/>.
    /// The body's size is known (from the header or the decryption), so a payload that runs past it
    /// is PAYLOAD-MALFORMED. Bytes after the last payload are block-cipher padding when
    /// <paramref name="allowTrailingPadding"/> is set (RFC 2409 section 5.3), otherwise
    /// UNEQUAL-PAYLOAD-LENGTHS.
    /// </summary>
    public static IReadOnlyList<IsakmpPayload> Parse(ReadOnlySpan<byte> body, IsakmpPayloadType firstPayload, bool allowTrailingPadding)
    {
        var payloads = new List<IsakmpPayload>();
        var type = firstPayload;
        var offset = 0;
        while (type != IsakmpPayloadType.None)
        {
            if (!TryReadPayload(body[offset..], type, out var payload, out var next, out var consumed))
            {
                throw IsakmpProtocolException.Malformed($"{type} payload at offset {offset} runs past the end of the message");
            }

            payloads.Add(payload!);
            offset += consumed;
            type = next;
        }

        if (offset != body.Length && !allowTrailingPadding)
        {
            throw new IsakmpProtocolException(IsakmpNotifyType.UnequalPayloadLengths, $"{body.Length - offset} bytes follow the last payload");
        }

        return payloads;
    }

    public static int GetLength(IEnumerable<IsakmpPayload> payloads) => payloads.Sum(payload => payload.Length);

    /// <summary>The type the header (or an encrypted body's header) names as first payload.</summary>
    public static IsakmpPayloadType FirstType(IReadOnlyList<IsakmpPayload> payloads) =>
        payloads.Count == 0 ? IsakmpPayloadType.None : payloads[0].PayloadType;

    /// <summary>Verifies and writes the chain; the last payload's Next Payload is NONE.</summary>
    public static void Write(IReadOnlyList<IsakmpPayload> payloads, ref IsakmpWriter writer)
    {
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            CheckWritable(payload);
            writer.WriteByte((byte)(i + 1 < payloads.Count ? payloads[i + 1].PayloadType : IsakmpPayloadType.None));
            writer.WriteByte(0);
            writer.WriteUInt16(NestedPayloads.CheckedLength(payload));
            payload.WriteBody(ref writer);
        }
    }

    /// <summary>The chain as bytes: the plaintext that the exchange layer encrypts.</summary>
    public static byte[] ToArray(IReadOnlyList<IsakmpPayload> payloads)
    {
        var bytes = new byte[GetLength(payloads)];
        var writer = new IsakmpWriter(bytes);
        Write(payloads, ref writer);
        return bytes;
    }

    private static void CheckWritable(IsakmpPayload payload)
    {
        if (payload is ProposalPayload or TransformPayload)
        {
            throw new InvalidOperationException($"a {payload.PayloadType} payload belongs inside an SA payload, not in the message chain");
        }

        payload.Verify();
    }

    private static IsakmpPayload ParseBody(IsakmpPayloadType type, ReadOnlySpan<byte> body) => type switch
    {
        IsakmpPayloadType.SecurityAssociation => SecurityAssociationPayload.Parse(body),
        IsakmpPayloadType.KeyExchange => KeyExchangePayload.Parse(body),
        IsakmpPayloadType.Identification => IdentificationPayload.Parse(body),
        IsakmpPayloadType.Certificate => CertificatePayload.Parse(body),
        IsakmpPayloadType.CertificateRequest => CertificateRequestPayload.Parse(body),
        IsakmpPayloadType.Hash => HashPayload.Parse(body),
        IsakmpPayloadType.Signature => SignaturePayload.Parse(body),
        IsakmpPayloadType.Nonce => NoncePayload.Parse(body),
        IsakmpPayloadType.Notification => NotificationPayload.Parse(body),
        IsakmpPayloadType.Delete => DeletePayload.Parse(body),
        IsakmpPayloadType.VendorId => VendorIdPayload.Parse(body),
        IsakmpPayloadType.NatDiscovery => NatDiscoveryPayload.Parse(body, isDraftNumbering: false),
        IsakmpPayloadType.NatDiscoveryDraft => NatDiscoveryPayload.Parse(body, isDraftNumbering: true),
        IsakmpPayloadType.NatOriginalAddress => NatOriginalAddressPayload.Parse(body, isDraftNumbering: false),
        IsakmpPayloadType.NatOriginalAddressDraft => NatOriginalAddressPayload.Parse(body, isDraftNumbering: true),
        IsakmpPayloadType.Fragment => FragmentPayload.Parse(body),

        // Proposals and transforms exist only inside an SA (RFC 2408 sections 3.5, 3.6).
        IsakmpPayloadType.Proposal or IsakmpPayloadType.Transform =>
            throw new IsakmpProtocolException(IsakmpNotifyType.InvalidPayloadType, $"{type} payload outside an SA payload"),

        // RFC 2408 has no critical bit: an unknown payload is kept and skipped, and the exchange's
        // message rules decide whether it deserves INVALID-PAYLOAD-TYPE (section 5.2).
        _ => new UnknownPayload(type, body),
    };
}
