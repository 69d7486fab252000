namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IPsec DOI situation bits (RFC 2407 section 4.2). Only SIT_IDENTITY_ONLY is supported:
/// secrecy and integrity situations append labelled-domain fields that no peer we talk to sends.
/// </summary>
[Flags]
public enum IpsecSituation : uint
{
    IdentityOnly = 0x01,
    Secrecy = 0x02,
    Integrity = 0x04,
}
