using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>Values of the Proxy Authen Type AVP (RFC 2661 section 4.4.5).</summary>
public enum ProxyAuthenType : ushort
{
    Reserved = 0,
    TextualUsernamePassword = 1,
    Chap = 2,
    Pap = 3,
    NoAuthentication = 4,
    MsChapV1 = 5,
}
