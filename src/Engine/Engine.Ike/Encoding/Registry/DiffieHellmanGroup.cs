namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// Group Description values, shared by the phase-1 attribute and the IPsec DOI attribute
/// (RFC 2409 section 6 for 1-4, RFC 3526 for 5 and 14-18, RFC 5903 for 19-21, RFC 5114 for 22-26,
/// RFC 6954 for 27-30, RFC 8031 for 31-32; numbers as in the IANA "Group Description" registry).
/// </summary>
public enum DiffieHellmanGroup : ushort
{
    Modp768 = 1,
    Modp1024 = 2,
    Ec2nGp155 = 3,
    Ec2nGp185 = 4,
    Modp1536 = 5,
    Modp2048 = 14,
    Modp3072 = 15,
    Modp4096 = 16,
    Modp6144 = 17,
    Modp8192 = 18,
    EcpP256 = 19,
    EcpP384 = 20,
    EcpP521 = 21,
    Modp1024S160 = 22,
    Modp2048S224 = 23,
    Modp2048S256 = 24,
    EcpP192 = 25,
    EcpP224 = 26,
    BrainpoolP224r1 = 27,
    BrainpoolP256r1 = 28,
    BrainpoolP384r1 = 29,
    BrainpoolP512r1 = 30,
    Curve25519 = 31,
    Curve448 = 32,
}
