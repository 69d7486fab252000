namespace Engine.Ike.Sa;

/// <summary>Which NAT-T dialect both peers announced, the newest first (RFC 3947, else a draft).</summary>
public enum NatTraversalVersion
{
    None,

    /// <summary>draft-ietf-ipsec-nat-t-ike-02/02n/03: payload types 130/131, encapsulation modes 61443/61444.</summary>
    Draft,

    /// <summary>RFC 3947: payload types 20/21, encapsulation modes 3/4.</summary>
    Rfc3947,
}
