namespace Engine.DataPlane.Sa;

/// <summary>The IPsec protocol of an SA, valued as its IP protocol number.</summary>
public enum IpsecProtocol : byte
{
    /// <summary>Encapsulating Security Payload (RFC 4303): confidentiality and/or integrity.</summary>
    Esp = 50,

    /// <summary>Authentication Header (RFC 4302): integrity of the payload and the immutable IP header fields.</summary>
    Ah = 51,
}
