namespace Engine.Ike.Encoding.VendorIds;

/// <summary>What a known vendor ID announces.</summary>
public enum VendorIdFeature
{
    /// <summary>Names an implementation only.</summary>
    Implementation,
    /// <summary>RFC 3947 NAT-T: NAT-D 20, NAT-OA 21, encapsulation modes 3/4.</summary>
    NatTraversalRfc3947,
    /// <summary>draft-ietf-ipsec-nat-t-ike-02/02n/03: NAT-D 130, NAT-OA 131, modes 61443/61444.</summary>
    NatTraversalDraft,
    /// <summary>draft-ietf-ipsec-nat-t-ike-00: NAT-D 130 but not floated to port 4500; not negotiated here.</summary>
    NatTraversalDraft00,
    /// <summary>RFC 3706 dead peer detection (R-U-THERE / R-U-THERE-ACK).</summary>
    DeadPeerDetection,
    /// <summary>IKEv1 fragmentation with payload 132.</summary>
    IkeFragmentation,
    /// <summary>XAUTH (draft-beaulieu-ike-xauth-02).</summary>
    Xauth,
    /// <summary>Cisco Unity client extensions.</summary>
    CiscoUnity,
    /// <summary>Microsoft AuthIP capability (Vista and later).</summary>
    NegotiationDiscovery,
    /// <summary>Microsoft's vendor-ID form of INITIAL-CONTACT.</summary>
    InitialContact,
    /// <summary>Microsoft CGA authentication (IPv6).</summary>
    CgaAuthentication,
}
