using System;

namespace Engine.L2tp.Ppp;

/// <summary>
/// Hands an IP datagram (IPv4, or IPv6 when IPv6CP is enabled) received from the peer to the host,
/// e.g. to write it to the TUN device. The span is only valid during the call.
/// </summary>
public delegate void PppPacketReceiver(ReadOnlySpan<byte> packet);
