namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// Codes of the LCP/NCP packet format (RFC 1661 section 5). IPCP and IPv6CP use 1 to 7 only;
/// 8 to 13 are LCP's own (12 and 13 from RFC 1570).
/// </summary>
public enum PppControlCode : byte
{
    ConfigureRequest = 1,
    ConfigureAck = 2,
    ConfigureNak = 3,
    ConfigureReject = 4,
    TerminateRequest = 5,
    TerminateAck = 6,
    CodeReject = 7,
    ProtocolReject = 8,
    EchoRequest = 9,
    EchoReply = 10,
    DiscardRequest = 11,

    /// <summary>RFC 1570: the sender's description (Windows sends its RAS version). Accepted and ignored.</summary>
    Identification = 12,

    /// <summary>RFC 1570: seconds left in the session. Accepted and ignored.</summary>
    TimeRemaining = 13,
}
