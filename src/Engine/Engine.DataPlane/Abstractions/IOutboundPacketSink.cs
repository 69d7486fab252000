using System;

namespace Engine.DataPlane.Abstractions;

/// <summary>
/// Takes packets the host routed into the TUN device that are for someone the engine serves itself
/// (the VPN gateway's clients, at their PPP addresses) before the policy lookup sees them
/// (<c>IpsecDataPlane.OutboundSink</c>).
/// </summary>
public interface IOutboundPacketSink
{
    /// <summary>
    /// True when the packet (from its IP header on) was taken; false leaves it to the policy. The
    /// span is the packet loop's buffer, valid only during the call. Called on packet threads.
    /// </summary>
    bool TryTake(ReadOnlySpan<byte> packet);
}
