namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// PPP protocol field values this stack knows (IANA "PPP DLL Protocol Numbers"). The field is a
/// number, so any value a peer sends is representable; names exist only for the ones we handle
/// or reject by name in logs.
/// </summary>
public enum PppProtocol : ushort
{
    /// <summary>IPv4 datagrams (RFC 1332).</summary>
    Ipv4 = 0x0021,

    /// <summary>IPv6 datagrams (RFC 5072).</summary>
    Ipv6 = 0x0057,

    /// <summary>IP Control Protocol (RFC 1332).</summary>
    Ipcp = 0x8021,

    /// <summary>IPv6 Control Protocol (RFC 5072).</summary>
    Ipv6cp = 0x8057,

    /// <summary>Compression Control Protocol (RFC 1962); Windows offers it for MPPE. Rejected.</summary>
    Ccp = 0x80FD,

    /// <summary>Link Control Protocol (RFC 1661).</summary>
    Lcp = 0xC021,

    /// <summary>Password Authentication Protocol (RFC 1334).</summary>
    Pap = 0xC023,

    /// <summary>Link Quality Report (RFC 1989). Rejected.</summary>
    LinkQualityReport = 0xC025,

    /// <summary>Challenge Handshake Authentication Protocol (RFC 1994), also MS-CHAPv2 (RFC 2759).</summary>
    Chap = 0xC223,
}
