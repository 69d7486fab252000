namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IPsec DOI Encapsulation Mode values: RFC 2407 section 4.5 (1, 2), RFC 3947 section 5.1 (3, 4),
/// and the private values of draft-ietf-ipsec-nat-t-ike-02/03 section 5.1 (61443, 61444) that
/// peers announcing a draft NAT-T vendor ID use.
/// </summary>
public enum EncapsulationMode : ushort
{
    Tunnel = 1,
    Transport = 2,
    UdpTunnel = 3,
    UdpTransport = 4,
    UdpTunnelDraft = 61443,
    UdpTransportDraft = 61444,
}
