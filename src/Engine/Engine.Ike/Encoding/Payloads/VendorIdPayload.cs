using Engine.Ike.Encoding.Registry;
using Engine.Ike.Encoding.VendorIds;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// Vendor ID payload (RFC 2408 section 3.16). IKEv1 extensions (NAT-T and its drafts, DPD,
/// fragmentation, XAUTH) are announced with well-known vendor IDs; <see cref="Identify"/> looks
/// this one up in <see cref="VendorIdCatalog"/>.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ~                        Vendor ID (VID)                        ~
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public sealed class VendorIdPayload : OpaqueDataPayload
{
    public VendorIdPayload(ReadOnlySpan<byte> vendorId)
        : base(vendorId)
    {
    }

    public override IsakmpPayloadType PayloadType => IsakmpPayloadType.VendorId;

    public static VendorIdPayload Create(KnownVendorId vendorId) => new(vendorId.Bytes.Span);

    public static VendorIdPayload Parse(ReadOnlySpan<byte> body) => new(body);

    /// <summary>The catalogue entry this vendor ID matches, or null for one we do not know.</summary>
    public VendorIdMatch? Identify() => VendorIdCatalog.Identify(Data.Span);

    public override void Verify() => VerifyNotEmpty();
}
