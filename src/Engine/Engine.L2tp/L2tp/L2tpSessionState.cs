using System;

namespace Engine.L2tp.L2tp;

/// <summary>The incoming-call states of RFC 2661 sections 7.4.1 (LAC) and 7.4.2 (LNS).</summary>
public enum L2tpSessionState
{
    /// <summary>LAC side: the call waits for its tunnel to come up before the ICRQ goes out.</summary>
    WaitTunnel,

    /// <summary>LAC side: ICRQ sent, waiting for the ICRP.</summary>
    WaitReply,

    /// <summary>LNS side: ICRP sent, waiting for the ICCN.</summary>
    WaitConnect,

    Established,

    Closed,
}
