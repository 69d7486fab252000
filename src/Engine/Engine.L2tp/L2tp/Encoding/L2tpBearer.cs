using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The bits of the Bearer Capabilities and Bearer Type AVPs (RFC 2661 sections 4.4.3 and 4.4.5):
/// D (digital, 0x1) and A (analog, 0x2). A remote-access LNS has no physical bearer and sends none.
/// </summary>
[Flags]
public enum L2tpBearer : uint
{
    None = 0,
    Digital = 0x1,
    Analog = 0x2,
}
