namespace IpSecPolicy.Model.Objects;

/// <summary>The PPP authentication protocols a VPN gateway accepts and a VPN client offers, strongest first.</summary>
public enum VpnAuthenticationMethod
{
    /// <summary>MS-CHAP version 2 (RFC 2759): mutual, what every built-in client uses by default.</summary>
    MsChapV2,

    /// <summary>CHAP with MD5 (RFC 1994).</summary>
    Chap,

    /// <summary>PAP (RFC 1334): the password in clear inside the ESP-protected tunnel.</summary>
    Pap,
}
