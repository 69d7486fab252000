using System;

namespace Engine.DataPlane.Pipeline;

/// <summary>Settings of one <see cref="IpsecDataPlane"/>; the defaults suit a host with a 1500-byte link MTU.</summary>
public sealed class DataPlaneOptions
{
    /// <summary>
    /// The largest packet read from the TUN device or datagram received from a bind (without head
    /// and tail room). At least the TUN MTU and the link MTU; larger packets are lost at the device.
    /// </summary>
    public int MaximumPacketSize { get; init; } = 2048;

    /// <summary>Packet loops that may exist at once (one per TUN queue and per bind), which bounds per-SA crypto contexts.</summary>
    public int MaximumPacketLoops { get; init; } = 16;

    /// <summary>
    /// Packets one loop moves per system call where the device or bind supports batches (TUN reads
    /// drained per wakeup, recvmmsg, sendmmsg): 1 to 256. Each loop keeps this many buffers of
    /// <see cref="MaximumPacketSize"/> plus head and tail room.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How long after reporting an acquire for a selector the next one may be reported.</summary>
    public TimeSpan AcquireRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a held packet waits for its SA before it is dropped.</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Packets held per reqid while its SA is negotiated.</summary>
    public int MaximumHeldPacketsPerPolicy { get; init; } = 8;

    /// <summary>Packets held in all; each takes one buffer of <see cref="MaximumPacketSize"/> plus head and tail room.</summary>
    public int MaximumHeldPackets { get; init; } = 256;

    /// <summary>How often time lifetimes, idle SAs, NAT keepalives and held packets are looked at.</summary>
    public TimeSpan HousekeepingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>RFC 3948 section 4: keepalives every 20 s unless configured otherwise.</summary>
    public TimeSpan NatKeepaliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Packets before sequence number exhaustion at which the soft expiry (rekey) is reported:
    /// 2^24 by default, several seconds even at millions of packets per second.
    /// </summary>
    public ulong SequenceNumberRekeyMargin { get; init; } = 1UL << 24;

    internal void Validate()
    {
        if (MaximumPacketSize is < 576 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumPacketSize), "The packet size is 576 to 65535 bytes.");
        }

        if (MaximumPacketLoops is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumPacketLoops), "1 to 1024 packet loops.");
        }

        if (BatchSize is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), "1 to 256 packets per batch.");
        }

        if (MaximumHeldPacketsPerPolicy < 0 || MaximumHeldPackets < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumHeldPackets), "Held packet limits cannot be negative.");
        }

        if (HousekeepingInterval <= TimeSpan.Zero || NatKeepaliveInterval <= TimeSpan.Zero || AcquireRetryInterval < TimeSpan.Zero || HoldTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HousekeepingInterval), "Intervals must be positive.");
        }
    }
}
