using System;

namespace Engine.L2tp.Ppp;

/// <summary>
/// Sends one PPP frame (address/control, protocol, information) to the peer, e.g. as the payload
/// of an L2TP data message. The span is only valid during the call: copy it. It is never called
/// under the session lock, but it may be called from several threads at once (the data path of
/// <see cref="PppSession.SendPacket"/> and the control path).
/// </summary>
public delegate void PppFrameSender(ReadOnlySpan<byte> frame);
