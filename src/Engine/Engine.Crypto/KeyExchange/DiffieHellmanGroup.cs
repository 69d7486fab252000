namespace Engine.Crypto.KeyExchange;

/// <summary>
/// Diffie-Hellman groups by their IANA number, which IKEv1's Group Description attribute and
/// IKEv2's transform type 4 share (RFC 2409, 3526, 5903, 8031).
/// </summary>
public enum DiffieHellmanGroup
{
    /// <summary>768-bit MODP, RFC 2409 section 6.1 ("group 1").</summary>
    Modp768 = 1,

    /// <summary>1024-bit MODP, RFC 2409 section 6.2 ("group 2").</summary>
    Modp1024 = 2,

    /// <summary>1536-bit MODP, RFC 3526 section 2.</summary>
    Modp1536 = 5,

    /// <summary>2048-bit MODP, RFC 3526 section 3.</summary>
    Modp2048 = 14,

    /// <summary>3072-bit MODP, RFC 3526 section 4.</summary>
    Modp3072 = 15,

    /// <summary>4096-bit MODP, RFC 3526 section 5.</summary>
    Modp4096 = 16,

    /// <summary>256-bit random ECP group (NIST P-256), RFC 5903.</summary>
    Ecp256 = 19,

    /// <summary>384-bit random ECP group (NIST P-384), RFC 5903.</summary>
    Ecp384 = 20,

    /// <summary>521-bit random ECP group (NIST P-521), RFC 5903.</summary>
    Ecp521 = 21,

    /// <summary>Curve25519 (X25519), RFC 8031; number from the IKEv2 registry, used for IKEv1 as strongSwan does.</summary>
    Curve25519 = 31,
}
