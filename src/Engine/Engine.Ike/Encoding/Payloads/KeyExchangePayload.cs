using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Key Exchange payload (RFC 2408 section 3.7): the Diffie-Hellman public value, as wide as the
/// group's prime (or both coordinates for ECP groups, RFC 5903 section 7). Checking the width
/// against the negotiated group is the exchange's job; the codec only refuses an empty value.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                       Key Exchange Data                       ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class KeyExchangePayload : OpaqueDataPayload
{
    public KeyExchangePayload(ReadOnlySpan<byte> keyExchangeData)
        : base(keyExchangeData)
    {
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.KeyExchange;

    public static KeyExchangePayload Parse(ReadOnlySpan<byte> body) => new(body);

    public override void Verify() => VerifyNotEmpty();
}
