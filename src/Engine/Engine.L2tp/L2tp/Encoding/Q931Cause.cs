using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The Q.931 Cause Code AVP (RFC 2661 section 4.4.2): the Q.931 cause code, the Q.931 message
/// type that carried it, and an optional advisory text.
/// </summary>
public sealed record Q931Cause(ushort CauseCode, byte CauseMessage, string? Advisory = null);
