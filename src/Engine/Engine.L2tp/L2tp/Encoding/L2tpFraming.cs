using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The bits of the Framing Capabilities and Framing Type AVPs (RFC 2661 sections 4.4.3 and
/// 4.4.5): S (synchronous, 0x1) and A (asynchronous, 0x2) in the last octet.
/// </summary>
[Flags]
public enum L2tpFraming : uint
{
    None = 0,
    Synchronous = 0x1,
    Asynchronous = 0x2,
}
