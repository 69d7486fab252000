using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Ah;
using Engine.DataPlane.Buffers;
using Engine.DataPlane.Esp;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Sad;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The outbound path for one packet the host routed into the TUN device: parse, look up the SPD,
/// then seal with the entry's current SA and send through the SA's bind; or, with no SA yet,
/// report an acquire and hold or drop the packet. Works in the caller's buffer, in place.
/// </summary>
internal sealed class OutboundProcessor
{
    private readonly SecurityPolicyDatabase policies;
    private readonly BindRegistry binds;
    private readonly SaLifecycle lifecycle;
    private readonly IDataPlaneEvents events;
    private readonly AcquireThrottle throttle;
    private readonly PacketBufferPool pool;
    private readonly TimeProvider time;
    private IOutboundPacketSink? sink;

    public OutboundProcessor(SecurityPolicyDatabase policies, BindRegistry binds, SaLifecycle lifecycle, IDataPlaneEvents events,
        AcquireThrottle throttle, PacketBufferPool pool, TimeProvider time)
    {
        this.policies = policies;
        this.binds = binds;
        this.lifecycle = lifecycle;
        this.events = events;
        this.throttle = throttle;
        this.pool = pool;
        this.time = time;
    }

    /// <summary>Takes packets before the policy lookup (<see cref="IpsecDataPlane.OutboundSink"/>); null for none.</summary>
    public IOutboundPacketSink? Sink
    {
        get => Volatile.Read(ref sink);
        set => Volatile.Write(ref sink, value);
    }

    /// <summary>
    /// Seals a packet the host hands over with the current SA of <paramref name="binding"/> and sends
    /// it, whatever the SPD would choose: for senders that must pick the SA themselves (the VPN
    /// gateway answering one client among several behind one NAT).
    /// </summary>
    public bool SendThrough(PacketWorker worker, OutboundSaBinding binding, ReadOnlySpan<byte> packet)
    {
        if (!pool.TryRent(out var buffer))
        {
            worker.Counters.Increment(DataPlaneCounter.SendFailures);
            return false;
        }

        try
        {
            if (packet.Length > buffer.Length - PacketBufferLayout.HeadRoom - PacketBufferLayout.TailRoom)
            {
                worker.Counters.Increment(DataPlaneCounter.OutboundMalformed);
                return false;
            }

            packet.CopyTo(buffer.AsSpan(PacketBufferLayout.HeadRoom));
            var sa = binding.Current;
            if (!IpPacketParser.TryParse(buffer.AsSpan(PacketBufferLayout.HeadRoom, packet.Length), out var fields))
            {
                worker.Counters.Increment(DataPlaneCounter.OutboundMalformed);
                return false;
            }

            if (sa is null || !sa.IsUsable || !SealAndSend(worker, sa, buffer, fields))
            {
                worker.Counters.Increment(DataPlaneCounter.SendFailures);
                return false;
            }

            worker.Counters.Increment(DataPlaneCounter.SentThroughReqId);
            return true;
        }
        finally
        {
            pool.Return(buffer);
        }
    }

    /// <summary>Processes the packet of <paramref name="length"/> bytes at head room in <paramref name="buffer"/>.</summary>
    public void Process(PacketWorker worker, byte[] buffer, int length)
    {
        var counters = worker.Counters;
        if (!IpPacketParser.TryParse(buffer.AsSpan(PacketBufferLayout.HeadRoom, length), out var fields))
        {
            counters.Increment(DataPlaneCounter.OutboundMalformed);
            return;
        }

        if (Sink is { } taker && taker.TryTake(buffer.AsSpan(PacketBufferLayout.HeadRoom, length)))
        {
            counters.Increment(DataPlaneCounter.OutboundTakenBySink);
            return;
        }

        var entry = policies.Lookup(fields);
        if (entry is null)
        {
            counters.Increment(DataPlaneCounter.OutboundWithoutPolicy);
            return;
        }

        if (entry.Entry.Action == SpdAction.Discard)
        {
            counters.Increment(DataPlaneCounter.OutboundDiscarded);
            return;
        }

        var sa = entry.Binding.Current;
        if (sa is null || !sa.IsUsable)
        {
            Acquire(worker, entry, buffer, length, fields);
            return;
        }

        SealAndSend(worker, sa, buffer, fields);
    }

    /// <summary>Sends every packet held for <paramref name="binding"/> through its current SA (or drops them if it has none).</summary>
    public void ReleaseHeld(PacketWorker worker, OutboundSaBinding binding)
    {
        var held = new List<HeldPacket>();
        binding.Held.TakeAll(held);
        foreach (var packet in held)
        {
            var sa = binding.Current;
            if (sa is not null && sa.IsUsable
                && IpPacketParser.TryParse(packet.Buffer.AsSpan(PacketBufferLayout.HeadRoom, packet.Length), out var fields)
                && SealAndSend(worker, sa, packet.Buffer, fields))
            {
                worker.Counters.Increment(DataPlaneCounter.HeldPacketsSent);
            }
            else
            {
                worker.Counters.Increment(DataPlaneCounter.HeldPacketsDropped);
            }

            pool.Return(packet.Buffer);
        }
    }

    /// <summary>
    /// Sends the packets held under <paramref name="from"/> wherever the SPD sends them now. A host
    /// that answers a trap's acquire with a narrower entry of its own reqid hands the trap's held
    /// packets over this way; those still without an SA stay held (with their original time).
    /// </summary>
    public void ReclassifyHeld(PacketWorker worker, OutboundSaBinding from)
    {
        var held = new List<HeldPacket>();
        from.Held.TakeAll(held);
        foreach (var packet in held)
        {
            if (!IpPacketParser.TryParse(packet.Buffer.AsSpan(PacketBufferLayout.HeadRoom, packet.Length), out var fields))
            {
                worker.Counters.Increment(DataPlaneCounter.HeldPacketsDropped);
                pool.Return(packet.Buffer);
                continue;
            }

            var entry = policies.Lookup(fields);
            var sa = entry?.Entry.Action == SpdAction.Protect ? entry.Binding.Current : null;
            if (sa is null || !sa.IsUsable)
            {
                if (ReferenceEquals(entry?.Binding, from) && from.Held.TryAdd(packet))
                {
                    continue;
                }

                worker.Counters.Increment(DataPlaneCounter.HeldPacketsDropped);
            }
            else if (SealAndSend(worker, sa, packet.Buffer, fields))
            {
                worker.Counters.Increment(DataPlaneCounter.HeldPacketsSent);
            }
            else
            {
                worker.Counters.Increment(DataPlaneCounter.HeldPacketsDropped);
            }

            pool.Return(packet.Buffer);
        }
    }

    /// <summary>Drops held packets (their time ran out, or their entry went away).</summary>
    public void DropHeld(PacketWorker worker, List<HeldPacket> packets)
    {
        foreach (var packet in packets)
        {
            worker.Counters.Increment(DataPlaneCounter.HeldPacketsDropped);
            pool.Return(packet.Buffer);
        }
    }

    /// <summary>Sends a NAT keepalive for an outbound UDP-encapsulated SA.</summary>
    public void SendKeepalive(PacketWorker worker, SecurityAssociation sa)
    {
        var bind = binds.SendBindFor(sa);
        if (bind is not null && bind.Send(NatT.NatKeepalive.Datagram, sa.Peer.Destination) == DatagramSendStatus.Sent)
        {
            worker.Counters.Increment(DataPlaneCounter.NatKeepalivesSent);
        }
        else
        {
            worker.Counters.Increment(DataPlaneCounter.SendFailures);
        }
    }

    private bool SealAndSend(PacketWorker worker, SecurityAssociation sa, byte[] buffer, in IpPacketFields fields)
    {
        var counters = worker.Counters;
        int payloadOffset;
        int payloadLength;
        byte nextHeader;
        if (sa.Mode == IpsecMode.Transport)
        {
            // The kernel builds the outer header from the SA's endpoints, so the packet must be
            // between exactly those; and a fragment's offset would be lost with its header.
            if (fields.Family != sa.Family || fields.Source != sa.LocalAddressBits || fields.Destination != sa.Peer.Bits)
            {
                counters.Increment(DataPlaneCounter.OutboundMalformed);
                return false;
            }

            if (fields.IsFragment)
            {
                counters.Increment(DataPlaneCounter.UnsupportedPackets);
                return false;
            }

            payloadOffset = PacketBufferLayout.HeadRoom + fields.HeaderLength;
            payloadLength = fields.TotalLength - fields.HeaderLength;
            nextHeader = fields.Protocol;
        }
        else
        {
            payloadOffset = PacketBufferLayout.HeadRoom;
            payloadLength = fields.TotalLength;
            nextHeader = fields.Family == AddressFamily.InterNetwork ? IpProtocolNumbers.Ipv4 : IpProtocolNumbers.Ipv6;
        }

        var sequenceStatus = sa.TryTakeSequenceNumber(out var sequence);
        if (sequenceStatus == SequenceNumberStatus.Exhausted)
        {
            counters.Increment(DataPlaneCounter.SequenceExhaustedDrops);
            lifecycle.LimitReached(sa, ExpiryReason.SequenceNumber, hard: true);
            return false;
        }

        var crypto = sa.Crypto.Lease(worker.Slot);
        if (crypto is null)
        {
            // Deleted between the lookup and now.
            counters.Increment(DataPlaneCounter.SendFailures);
            return false;
        }

        int start;
        int length;
        var transform = sa.Transform;
        var bind = binds.SendBindFor(sa);
        try
        {
            if (sa.Protocol == IpsecProtocol.Esp)
            {
                length = EspSealer.Seal(transform, crypto, sa.Spi, sequence, sa.ExtendedSequenceNumbers, buffer, payloadOffset, payloadLength, nextHeader);
                start = payloadOffset - EspLayout.HeadLength(transform);
            }
            else
            {
                // IPv4's identification is ours to choose (unique per SA while packets live: the
                // sequence number's low bits) and, where the bind sends our header, ours to send.
                bool sendHeader = bind?.SendIncludesIpHeader == true && sa.Family == AddressFamily.InterNetwork;
                ushort identification = sendHeader ? (ushort)((sequence % ushort.MaxValue) + 1) : (ushort)0;
                length = AhSealer.Seal(transform, crypto, sa.Spi, sequence, sa.ExtendedSequenceNumbers, sa.Family, sa.LocalAddressBits,
                    sa.Peer.Bits, buffer, payloadOffset, payloadLength, nextHeader, identification);
                start = payloadOffset - AhLayout.Length(transform.IcvSize, sa.Family);
                if (sendHeader)
                {
                    start -= IpPacketParser.Ipv4MinimumHeaderLength;
                    length += IpPacketParser.Ipv4MinimumHeaderLength;
                    AhPseudoHeader.CompleteIpv4(buffer.AsSpan(start, IpPacketParser.Ipv4MinimumHeaderLength));
                }
            }
        }
        finally
        {
            sa.Crypto.Release(worker.Slot);
        }

        var limit = sa.AddTraffic(payloadLength, time.GetTimestamp(), out var hard);
        bool sent;
        if (bind is not null && worker.Outgoing is { } outgoing)
        {
            // Sent with the rest of the loop's batch; a refusal then is counted there.
            outgoing.Add(counters, bind, buffer, start, length, sa.Peer.Destination);
            sent = true;
        }
        else
        {
            sent = bind is not null && bind.Send(buffer.AsSpan(start, length), sa.Peer.Destination) == DatagramSendStatus.Sent;
        }

        if (sent)
        {
            counters.Increment(DataPlaneCounter.PacketsSent);
            CountSentBytes(counters, transform, sa.Mode, payloadLength);
        }
        else
        {
            counters.Increment(DataPlaneCounter.SendFailures);
        }

        if (sequenceStatus == SequenceNumberStatus.AssignedAtRekeyMargin)
        {
            lifecycle.LimitReached(sa, ExpiryReason.SequenceNumber, hard: false);
        }

        if (limit is { } reason)
        {
            lifecycle.LimitReached(sa, reason, hard);
        }

        return sent;
    }

    private void Acquire(PacketWorker worker, SpdEntryState entry, byte[] buffer, int length, in IpPacketFields fields)
    {
        var counters = worker.Counters;
        var now = time.GetTimestamp();
        if (throttle.ShouldReport(entry.Entry.Id, fields.Source, fields.Destination, now))
        {
            counters.Increment(DataPlaneCounter.AcquiresReported);
            events.AcquireRequested(new AcquireRequest(
                entry.Entry,
                IpAddressBits.ToIpAddress(fields.Source, fields.Family),
                IpAddressBits.ToIpAddress(fields.Destination, fields.Family),
                fields.Protocol,
                fields.SourcePort,
                fields.DestinationPort));
        }

        if (entry.Entry.HoldPacketsWhileAcquiring && pool.TryRent(out var copy))
        {
            buffer.AsSpan(PacketBufferLayout.HeadRoom, length).CopyTo(copy.AsSpan(PacketBufferLayout.HeadRoom));
            if (entry.Binding.Held.TryAdd(new HeldPacket(copy, length, now)))
            {
                counters.Increment(DataPlaneCounter.PacketsHeld);

                // The SA may have been added after this packet found none and before it was queued;
                // its release then ran already, so send what is held from here.
                if (entry.Binding.Current is { IsUsable: true })
                {
                    ReleaseHeld(worker, entry.Binding);
                }

                return;
            }

            pool.Return(copy);
        }

        counters.Increment(DataPlaneCounter.DroppedWhileAcquiring);
    }

    private static void CountSentBytes(WorkerCounters counters, SaTransform transform, IpsecMode mode, int bytes)
    {
        if (transform.Encrypts)
        {
            counters.Add(DataPlaneCounter.ConfidentialBytesSent, bytes);
        }

        if (transform.Authenticates)
        {
            counters.Add(DataPlaneCounter.AuthenticatedBytesSent, bytes);
        }

        counters.Add(mode == IpsecMode.Transport ? DataPlaneCounter.TransportBytesSent : DataPlaneCounter.TunnelBytesSent, bytes);
    }
}
