using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The ACCM AVP an LNS sends in a Set-Link-Info (RFC 2661 section 4.4.6): two reserved octets,
/// then the send and the receive async control character maps that PPP negotiated.
/// </summary>
public readonly record struct AccmValue(uint SendAccm, uint ReceiveAccm);
