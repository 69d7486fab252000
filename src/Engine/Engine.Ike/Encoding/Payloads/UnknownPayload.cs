using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// A payload whose type this codec does not know (Mode Config attributes 14, SAK, private
/// numbers). It is kept, body and all, so the exchange layer can log it or decide, per its
/// message rules, whether it calls for INVALID-PAYLOAD-TYPE; writing it reproduces the bytes.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                      (body, not interpreted)                  ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class UnknownPayload : OpaqueDataPayload
{
    public UnknownPayload(IsakmpPayloadType payloadType, ReadOnlySpan<byte> body)
        : base(body)
    {
        PayloadType = payloadType;
    }

    public override IsakmpPayloadType PayloadType { get; }

    public override void Verify()
    {
    }
}
