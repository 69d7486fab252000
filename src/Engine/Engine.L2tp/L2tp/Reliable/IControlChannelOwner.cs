using System;
using Engine.L2tp.L2tp.Encoding;

namespace Engine.L2tp.L2tp.Reliable;

/// <summary>What a <see cref="ControlChannel"/> calls: the tunnel that owns it.</summary>
public interface IControlChannelOwner
{
    /// <summary>Sends one UDP payload to the peer. Must not call back into the channel's Receive synchronously.</summary>
    void Transmit(ReadOnlySpan<byte> datagram);

    /// <summary>A control message (not a ZLB), in Ns order, exactly once.</summary>
    void Deliver(in L2tpHeader header, ReadOnlySpan<byte> body);

    /// <summary>A message was retransmitted the maximum number of times without acknowledgment: the peer is gone.</summary>
    void RetransmissionsExhausted();
}
