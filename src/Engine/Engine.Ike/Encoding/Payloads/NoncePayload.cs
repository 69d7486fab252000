using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Nonce payload (RFC 2408 section 3.13). RFC 2409 section 5 requires 8 to 256 bytes.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                            Nonce Data                         ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class NoncePayload : OpaqueDataPayload
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 256;

    public NoncePayload(ReadOnlySpan<byte> nonce)
        : base(nonce)
    {
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Nonce;

    public static NoncePayload Parse(ReadOnlySpan<byte> body) => new(body);

    public override void Verify()
    {
        if (BodyLength is < MinimumLength or > MaximumLength)
        {
            throw IsakmpProtocolException.Malformed($"nonce of {BodyLength} bytes, RFC 2409 allows {MinimumLength}-{MaximumLength}");
        }
    }
}
