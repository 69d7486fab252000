using System;

namespace Engine.L2tp.L2tp;

/// <summary>Which side of an incoming call (section 7.4) this end plays.</summary>
public enum L2tpCallRole
{
    /// <summary>This side placed the call (sent the ICRQ): the LAC, or the engine as a client.</summary>
    Caller,

    /// <summary>This side answered the call (sent the ICRP): the LNS.</summary>
    Answerer,
}
