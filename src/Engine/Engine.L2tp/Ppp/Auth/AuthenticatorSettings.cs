using System;

namespace Engine.L2tp.Ppp.Auth;

/// <summary>How the gateway runs the authentication phase.</summary>
public sealed record AuthenticatorSettings
{
    /// <summary>
    /// Attempts a peer gets before the link is closed. One (the default) is what Windows RRAS does
    /// for VPN connections: MS-CHAPv2 Failure says R=0 and LCP terminates. With more, MS-CHAPv2
    /// Failure says R=1 with a fresh challenge, CHAP-MD5 sends a new Challenge and PAP waits for
    /// another Authenticate-Request.
    /// </summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>Time allowed for the peer's PAP request or a retried MS-CHAPv2 response (a user may be typing).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Name field of our CHAP Challenge (RFC 1994: identifies the authenticator).</summary>
    public string Name { get; init; } = "IpSecPolicy";
}
