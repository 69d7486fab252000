using System;

namespace Engine.L2tp.Ppp.Core;

/// <summary>Sends one control packet (code, identifier, length, data) of <paramref name="protocol"/>; the session adds the frame header.</summary>
internal delegate void ControlPacketSender(ushort protocol, ReadOnlySpan<byte> packet);
