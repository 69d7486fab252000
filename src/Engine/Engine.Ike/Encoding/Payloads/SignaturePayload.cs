using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Signature payload (RFC 2408 section 3.12): SIG_I/SIG_R of signature-authenticated phase 1.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                         Signature Data                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class SignaturePayload : OpaqueDataPayload
{
    public SignaturePayload(ReadOnlySpan<byte> signature)
        : base(signature)
    {
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Signature;

    public static SignaturePayload Parse(ReadOnlySpan<byte> body) => new(body);

    public override void Verify() => VerifyNotEmpty();
}
