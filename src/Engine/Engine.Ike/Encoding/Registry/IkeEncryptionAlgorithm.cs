namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// Phase-1 encryption algorithms, RFC 2409 Appendix A (1-6), AES-CBC 7 (RFC 3602 section 5.1
/// and the IANA "IPSEC Encryption Algorithm" registry), Camellia 8 (RFC 4312).
/// </summary>
public enum IkeEncryptionAlgorithm : ushort
{
    DesCbc = 1,
    IdeaCbc = 2,
    BlowfishCbc = 3,
    Rc5R16B64Cbc = 4,
    TripleDesCbc = 5,
    CastCbc = 6,
    AesCbc = 7,
    CamelliaCbc = 8,
}
