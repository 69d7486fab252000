namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// Phase-1 authentication methods: RFC 2409 Appendix A (1-5), RFC 4754 section 3 (ECDSA 9-11),
/// and the XAUTH / hybrid values of draft-beaulieu-ike-xauth-02 section 7.2 (64221-65010).
/// </summary>
public enum IkeAuthenticationMethod : ushort
{
    PreSharedKey = 1,
    DssSignatures = 2,
    RsaSignatures = 3,
    RsaEncryption = 4,
    RevisedRsaEncryption = 5,
    EcdsaSha256P256 = 9,
    EcdsaSha384P384 = 10,
    EcdsaSha512P521 = 11,
    HybridInitiatorRsa = 64221,
    HybridResponderRsa = 64222,
    HybridInitiatorDss = 64223,
    HybridResponderDss = 64224,
    XauthInitiatorPreSharedKey = 65001,
    XauthResponderPreSharedKey = 65002,
    XauthInitiatorDss = 65003,
    XauthResponderDss = 65004,
    XauthInitiatorRsa = 65005,
    XauthResponderRsa = 65006,
    XauthInitiatorRsaEncryption = 65007,
    XauthResponderRsaEncryption = 65008,
    XauthInitiatorRevisedRsaEncryption = 65009,
    XauthResponderRevisedRsaEncryption = 65010,
}
