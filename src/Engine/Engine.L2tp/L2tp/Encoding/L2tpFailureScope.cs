using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// What a refused control message takes down (RFC 2661 section 4.1: an unrecognized mandatory
/// AVP in a message about a session terminates the session, one in a message about the tunnel
/// terminates the tunnel and every session in it).
/// </summary>
public enum L2tpFailureScope
{
    /// <summary>The datagram or message cannot be attributed to anything: it is dropped and nothing is answered.</summary>
    Datagram,

    /// <summary>The tunnel is cleared with a StopCCN carrying the refusal's result code.</summary>
    Tunnel,

    /// <summary>The session is cleared with a CDN carrying the refusal's result code.</summary>
    Session,
}
