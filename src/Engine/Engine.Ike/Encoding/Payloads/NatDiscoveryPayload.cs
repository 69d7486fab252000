using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// NAT-D payload (RFC 3947 section 3.2): HASH(CKY-I | CKY-R | IP | Port) with the negotiated
/// phase-1 hash. RFC 3947 numbers it 20; peers that negotiated a draft-02/02n/03 vendor ID send the
/// same layout as payload 130 (<see cref="IsDraftNumbering"/>).
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                 HASH of the address and port                  ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class NatDiscoveryPayload : OpaqueDataPayload
{
    public NatDiscoveryPayload(ReadOnlySpan<byte> hash, bool isDraftNumbering = false)
        : base(hash)
    {
        IsDraftNumbering = isDraftNumbering;
    }

    /// <summary>True for payload type 130 (NAT-T drafts 02/02n/03), false for 20 (RFC 3947).</summary>
    public bool IsDraftNumbering { get; }

    public override IsakmpPayloadType PayloadType =>
        IsDraftNumbering ? IsakmpPayloadType.NatDiscoveryDraft : IsakmpPayloadType.NatDiscovery;

    public ReadOnlyMemory<byte> Hash => Data;

    public static NatDiscoveryPayload Parse(ReadOnlySpan<byte> body, bool isDraftNumbering) => new(body, isDraftNumbering);

    public override void Verify() => VerifyNotEmpty();
}
