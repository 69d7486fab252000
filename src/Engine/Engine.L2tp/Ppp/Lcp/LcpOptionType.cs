namespace Engine.L2tp.Ppp.Lcp;

/// <summary>LCP configuration option types (RFC 1661 section 6, IANA "PPP LCP Configuration Option Types").</summary>
public enum LcpOptionType : byte
{
    MaximumReceiveUnit = 1,
    AsyncControlCharacterMap = 2,
    AuthenticationProtocol = 3,
    QualityProtocol = 4,
    MagicNumber = 5,
    ProtocolFieldCompression = 7,
    AddressControlFieldCompression = 8,
    Callback = 13,
    MultilinkMrru = 17,
    MultilinkShortSequence = 18,
    EndpointDiscriminator = 19,
}
