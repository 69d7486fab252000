namespace Engine.L2tp.Ppp.Auth;

/// <summary>
/// The authentication protocols a session can use, named as Start-VpnGateway's
/// -AuthenticationMethod names them.
/// </summary>
public enum PppAuthenticationProtocol
{
    /// <summary>PAP (RFC 1334): the password crosses the link in clear (inside IPsec here).</summary>
    Pap,

    /// <summary>CHAP with MD5 (RFC 1994, algorithm 5).</summary>
    Chap,

    /// <summary>MS-CHAPv2 (RFC 2759, CHAP algorithm 0x81): mutual, what Windows, macOS, iOS and Android use by default.</summary>
    MsChapV2,
}
