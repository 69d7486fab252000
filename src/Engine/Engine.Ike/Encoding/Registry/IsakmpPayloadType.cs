namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// ISAKMP payload numbers (the "Next Payload" field). RFC 2408 section 3.1 assigns 0-13;
/// RFC 3947 section 5 assigns 20/21 to NAT-D and NAT-OA; the NAT-T drafts 02/02n/03 used
/// private numbers 130/131 for the same payloads, which Windows and macOS peers still send after
/// a draft vendor ID; 132 is the IKE fragment payload of the Cisco/Microsoft fragmentation
/// extension (strongSwan fragment_payload.c, Wireshark packet-isakmp.c).
/// </summary>
public enum IsakmpPayloadType : byte
{
    None = 0,
    SecurityAssociation = 1,
    Proposal = 2,
    Transform = 3,
    KeyExchange = 4,
    Identification = 5,
    Certificate = 6,
    CertificateRequest = 7,
    Hash = 8,
    Signature = 9,
    Nonce = 10,
    Notification = 11,
    Delete = 12,
    VendorId = 13,
    NatDiscovery = 20,
    NatOriginalAddress = 21,
    NatDiscoveryDraft = 130,
    NatOriginalAddressDraft = 131,
    Fragment = 132,
}
