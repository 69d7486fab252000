namespace Engine.Ike.Encoding.Registry;

/// <summary>
/// IKEv1 notify message types. Errors 1-30 and CONNECTED are RFC 2408 section 3.14.1;
/// RESPONDER-LIFETIME, REPLAY-STATUS and INITIAL-CONTACT are RFC 2407 section 4.6.3;
/// R-U-THERE and R-U-THERE-ACK are RFC 3706 section 5.3.
/// </summary>
public enum IsakmpNotifyType : ushort
{
    InvalidPayloadType = 1,
    DoiNotSupported = 2,
    SituationNotSupported = 3,
    InvalidCookie = 4,
    InvalidMajorVersion = 5,
    InvalidMinorVersion = 6,
    InvalidExchangeType = 7,
    InvalidFlags = 8,
    InvalidMessageId = 9,
    InvalidProtocolId = 10,
    InvalidSpi = 11,
    InvalidTransformId = 12,
    AttributesNotSupported = 13,
    NoProposalChosen = 14,
    BadProposalSyntax = 15,
    PayloadMalformed = 16,
    InvalidKeyInformation = 17,
    InvalidIdInformation = 18,
    InvalidCertEncoding = 19,
    InvalidCertificate = 20,
    CertTypeUnsupported = 21,
    InvalidCertAuthority = 22,
    InvalidHashInformation = 23,
    AuthenticationFailed = 24,
    InvalidSignature = 25,
    AddressNotification = 26,
    NotifySaLifetime = 27,
    CertificateUnavailable = 28,
    UnsupportedExchangeType = 29,
    UnequalPayloadLengths = 30,

    Connected = 16384,
    ResponderLifetime = 24576,
    ReplayStatus = 24577,
    InitialContact = 24578,
    RUThere = 36136,
    RUThereAck = 36137,
}
