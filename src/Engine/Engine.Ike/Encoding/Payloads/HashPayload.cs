using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Hash payload (RFC 2408 section 3.11): HASH_I/HASH_R of a pre-shared-key Main Mode, and
/// HASH(1..3) that authenticate Quick Mode and Informational messages (RFC 2409 sections 5.5, 5.7).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                           Hash Data                           ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class HashPayload : OpaqueDataPayload
{
    public HashPayload(ReadOnlySpan<byte> hash)
        : base(hash)
    {
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.Hash;

    public static HashPayload Parse(ReadOnlySpan<byte> body) => new(body);

    public override void Verify() => VerifyNotEmpty();
}
