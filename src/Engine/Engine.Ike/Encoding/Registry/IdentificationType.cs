namespace Engine.Ike.Encoding.Registry;

/// <summary>IPsec DOI identification types (RFC 2407 section 4.6.2.1).</summary>
public enum IdentificationType : byte
{
    Ipv4Address = 1,
    Fqdn = 2,
    UserFqdn = 3,
    Ipv4AddressSubnet = 4,
    Ipv6Address = 5,
    Ipv6AddressSubnet = 6,
    Ipv4AddressRange = 7,
    Ipv6AddressRange = 8,
    DerAsn1Dn = 9,
    DerAsn1Gn = 10,
    KeyId = 11,
}
