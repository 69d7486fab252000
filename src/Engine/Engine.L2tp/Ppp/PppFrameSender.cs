using System;

namespace Engine.L2tp.Ppp;

/// <summary>
/// Sends one PPP frame (address/control, protocol, information) to the peer, e.g. as the payload
/// of an L2TP data message. The span is only valid during the call: copy it. It may be called
/// under the session lock and from several threads (control and data path), and must not call
/// back into the same session synchronously.
/// </summary>
public delegate void PppFrameSender(ReadOnlySpan<byte> frame);
