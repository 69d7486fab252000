using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Ah;
using Engine.DataPlane.Buffers;
using Engine.DataPlane.Esp;
using Engine.DataPlane.Ip;
using Engine.DataPlane.NatT;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Sad;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The inbound path for one datagram from a bind: sort UDP 4500 traffic (IKE to the IKE side,
/// keepalives ignored, the rest ESP), find the outer addresses, look up the SA by SPI, open the
/// packet, check the inner packet against the SA, and write it to the TUN device. Every failure
/// is counted and the packet dropped; nothing a peer sends can make it throw.
/// </summary>
internal sealed class InboundProcessor
{
    // A rebuilt transport-mode header takes the outer TTL when the bind shows it, else this.
    private const byte DefaultHopLimit = 64;

    private readonly SecurityAssociationDatabase database;
    private readonly SaLifecycle lifecycle;
    private readonly IDataPlaneEvents events;
    private readonly IIkeDatagramReceiver? ikeReceiver;
    private readonly TimeProvider time;
    private ITunDevice? deliveryDevice;

    public InboundProcessor(SecurityAssociationDatabase database, SaLifecycle lifecycle, IDataPlaneEvents events,
        IIkeDatagramReceiver? ikeReceiver, TimeProvider time)
    {
        this.database = database;
        this.lifecycle = lifecycle;
        this.events = events;
        this.ikeReceiver = ikeReceiver;
        this.time = time;
    }

    /// <summary>
    /// The TUN device (queue) decrypted packets are written to; the first one attached. Each
    /// inbound loop writes through its own <see cref="ITunDevice.CreateWriter"/> of it.
    /// </summary>
    public ITunDevice? DeliveryDevice
    {
        get => Volatile.Read(ref deliveryDevice);
        set => Volatile.Write(ref deliveryDevice, value);
    }

    /// <summary>
    /// Processes the datagram of <paramref name="length"/> bytes at head room in <paramref name="buffer"/>;
    /// a decrypted packet goes to <paramref name="output"/> (the loop's writer for <see cref="DeliveryDevice"/>),
    /// which may hold it until the loop flushes.
    /// </summary>
    public void Process(PacketWorker worker, RegisteredBind bind, byte[] buffer, int length, SocketAddress source, ITunPacketWriter? output)
    {
        var counters = worker.Counters;
        var offset = PacketBufferLayout.HeadRoom;
        var ipHeaderOffset = -1;
        var hopLimit = DefaultHopLimit;
        byte trafficClass = 0;
        UInt128 sourceAddress;
        ushort sourcePort = 0;
        UInt128 destinationAddress = bind.LocalAddress;
        var destinationKnown = !bind.IsAnyAddress;
        IpsecProtocol protocol;

        if (bind.Kind == DatagramEndpointKind.NatTraversal)
        {
            var datagram = buffer.AsSpan(offset, length);
            switch (UdpEncapsulation.Classify(datagram))
            {
                case NatTraversalPayloadKind.Ike:
                    counters.Increment(DataPlaneCounter.IkeDatagramsReceived);
                    ikeReceiver?.IkeDatagramReceived(datagram[UdpEncapsulation.NonEspMarkerSize..], source, bind.Bind);
                    return;
                case NatTraversalPayloadKind.Keepalive:
                    counters.Increment(DataPlaneCounter.NatKeepalivesReceived);
                    return;
                case NatTraversalPayloadKind.Malformed:
                    counters.Increment(DataPlaneCounter.MalformedPackets);
                    return;
            }

            protocol = IpsecProtocol.Esp;
            if (!SocketAddressReader.TryRead(source, out sourceAddress, out sourcePort))
            {
                counters.Increment(DataPlaneCounter.MalformedPackets);
                return;
            }
        }
        else
        {
            protocol = bind.Kind == DatagramEndpointKind.Ah ? IpsecProtocol.Ah : IpsecProtocol.Esp;
            if (bind.Bind.ReceiveIncludesIpHeader)
            {
                if (!TryStripIpv4Header(buffer, ref offset, ref length, (byte)protocol, out sourceAddress, out destinationAddress, out trafficClass, out hopLimit))
                {
                    counters.Increment(DataPlaneCounter.MalformedPackets);
                    return;
                }

                ipHeaderOffset = PacketBufferLayout.HeadRoom;
                destinationKnown = true;
            }
            else if (!SocketAddressReader.TryRead(source, out sourceAddress, out _))
            {
                counters.Increment(DataPlaneCounter.MalformedPackets);
                return;
            }
        }

        var spiOffset = protocol == IpsecProtocol.Esp ? 0 : 4;
        if (length < spiOffset + 8)
        {
            counters.Increment(DataPlaneCounter.MalformedPackets);
            return;
        }

        var sa = database.FindInbound(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset + spiOffset)), protocol);
        if (sa is null
            || !sa.IsUsable
            || sa.Family != bind.Family
            || (destinationKnown && sa.LocalAddressBits != destinationAddress)
            || (sa.Encapsulation == SaEncapsulation.Udp) != (bind.Kind == DatagramEndpointKind.NatTraversal))
        {
            counters.Increment(DataPlaneCounter.BadSpiPackets);
            return;
        }

        var crypto = sa.Crypto.Lease(worker.Slot);
        if (crypto is null)
        {
            counters.Increment(DataPlaneCounter.BadSpiPackets);
            return;
        }

        OpenStatus status;
        int payloadOffset;
        int payloadLength;
        byte nextHeader;
        try
        {
            status = protocol == IpsecProtocol.Esp
                ? EspOpener.Open(sa, crypto, buffer, offset, length, out payloadOffset, out payloadLength, out nextHeader)
                : AhOpener.Open(sa, crypto, buffer, ipHeaderOffset, offset, length, sa.Family, sourceAddress, sa.LocalAddressBits,
                    out payloadOffset, out payloadLength, out nextHeader);
        }
        finally
        {
            sa.Crypto.Release(worker.Slot);
        }

        if (status != OpenStatus.Opened)
        {
            CountFailure(counters, sa, protocol, status);
            return;
        }

        if (nextHeader == IpProtocolNumbers.NoNextHeader)
        {
            // RFC 4303 section 2.6: a dummy packet for traffic flow confidentiality, discarded.
            counters.Increment(DataPlaneCounter.DummyPacketsReceived);
            sa.MarkUsed(time.GetTimestamp());
            return;
        }

        int packetOffset;
        int packetLength;
        if (sa.Mode == IpsecMode.Tunnel)
        {
            if (!CheckTunnelPacket(sa, buffer.AsSpan(payloadOffset, payloadLength), nextHeader, out packetLength))
            {
                counters.Increment(DataPlaneCounter.PolicyMismatchDrops);
                sa.Counters.AddPolicyMismatch();
                return;
            }

            packetOffset = payloadOffset;
        }
        else
        {
            packetOffset = RebuildTransportHeader(sa, buffer, payloadOffset, payloadLength, nextHeader, sourceAddress, trafficClass, hopLimit);
            packetLength = payloadOffset - packetOffset + payloadLength;
            if (!IpPacketParser.TryParse(buffer.AsSpan(packetOffset, packetLength), out var fields)
                || !sa.Selector.MatchesInbound(fields, checkAddresses: false))
            {
                counters.Increment(DataPlaneCounter.PolicyMismatchDrops);
                sa.Counters.AddPolicyMismatch();
                return;
            }
        }

        var innerBytes = sa.Mode == IpsecMode.Tunnel ? packetLength : payloadLength;
        var limit = sa.AddTraffic(innerBytes, time.GetTimestamp(), out var hard);
        if (sa.Sink is { } sink)
        {
            sink.Deliver(sa, buffer.AsSpan(packetOffset, packetLength));
            counters.Increment(DataPlaneCounter.PacketsReceived);
            counters.Increment(DataPlaneCounter.PacketsToSink);
            CountReceivedBytes(counters, sa.Transform, sa.Mode, innerBytes);
        }
        else if (output is not null && output.Write(buffer, packetOffset, packetLength))
        {
            counters.Increment(DataPlaneCounter.PacketsReceived);
            CountReceivedBytes(counters, sa.Transform, sa.Mode, innerBytes);
        }
        else
        {
            counters.Increment(DataPlaneCounter.TunWriteFailures);
        }

        if (sa.Encapsulation == SaEncapsulation.Udp && sa.TryRecordObservedPeer(sourceAddress, sourcePort))
        {
            events.NatMappingChanged(sa, new IPEndPoint(IpAddressBits.ToIpAddress(sourceAddress, sa.Family), sourcePort));
        }

        if (limit is { } reason)
        {
            lifecycle.LimitReached(sa, reason, hard);
        }
    }

    /// <summary>
    /// A raw IPv4 bind delivers the header: read the addresses from it and move past it. Linux
    /// hands raw sockets reassembled packets with the header as it arrived (network byte order).
    /// </summary>
    private static bool TryStripIpv4Header(byte[] buffer, ref int offset, ref int length, byte protocol,
        out UInt128 source, out UInt128 destination, out byte trafficClass, out byte hopLimit)
    {
        source = default;
        destination = default;
        trafficClass = 0;
        hopLimit = 0;
        var packet = buffer.AsSpan(offset, length);
        if (packet.Length < IpPacketParser.Ipv4MinimumHeaderLength || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < IpPacketParser.Ipv4MinimumHeaderLength || totalLength < headerLength || totalLength > packet.Length || packet[9] != protocol)
        {
            return false;
        }

        trafficClass = packet[1];
        hopLimit = packet[8];
        source = IpAddressBits.FromIpv4(packet[12..]);
        destination = IpAddressBits.FromIpv4(packet[16..]);
        offset += headerLength;
        length = totalLength - headerLength;
        return true;
    }

    /// <summary>
    /// Tunnel mode: the payload must be one IP packet of the version the next header names, sound
    /// by its own header, and inside the SA's selectors. Traffic flow confidentiality padding after
    /// it is cut off by taking the inner packet's own length.
    /// </summary>
    private static bool CheckTunnelPacket(SecurityAssociation sa, ReadOnlySpan<byte> payload, byte nextHeader, out int packetLength)
    {
        packetLength = 0;
        var version = IpPacketParser.VersionForNextHeader(nextHeader);
        if (version == 0 || !IpPacketParser.TryParse(payload, out var inner))
        {
            return false;
        }

        var innerVersion = inner.Family == AddressFamily.InterNetwork ? 4 : 6;
        if (innerVersion != version
            || (version == 4 && !IpHeaderWriter.Ipv4ChecksumValid(payload[..inner.HeaderLength]))
            || !sa.Selector.MatchesInbound(inner, checkAddresses: true))
        {
            return false;
        }

        packetLength = inner.TotalLength;
        return true;
    }

    /// <summary>
    /// Transport mode: put an IP header back in front of the payload, from the outer addresses and
    /// the next header, where the ESP/AH header was; UDP-encapsulated packets get their TCP/UDP
    /// checksum recomputed for the addresses seen here. Returns where the packet now starts.
    /// </summary>
    private static int RebuildTransportHeader(SecurityAssociation sa, byte[] buffer, int payloadOffset, int payloadLength, byte nextHeader,
        UInt128 source, byte trafficClass, byte hopLimit)
    {
        var headerLength = IpHeaderWriter.HeaderLength(sa.Family);
        var packetOffset = payloadOffset - headerLength;
        IpHeaderWriter.Write(buffer.AsSpan(packetOffset), sa.Family, source, sa.LocalAddressBits, nextHeader, payloadLength, trafficClass, hopLimit);
        if (sa.Encapsulation == SaEncapsulation.Udp)
        {
            TransportChecksumFixup.Apply(buffer.AsSpan(payloadOffset, payloadLength), sa.Family, source, sa.LocalAddressBits, nextHeader);
        }

        return packetOffset;
    }

    private static void CountFailure(WorkerCounters counters, SecurityAssociation sa, IpsecProtocol protocol, OpenStatus status)
    {
        switch (status)
        {
            case OpenStatus.Replayed:
                counters.Increment(DataPlaneCounter.PacketsWithReplayDetected);
                sa.Counters.AddReplayDrop();
                break;
            case OpenStatus.AuthenticationFailed:
                counters.Increment(DataPlaneCounter.PacketsNotAuthenticated);
                sa.Counters.AddAuthenticationFailure();
                break;
            case OpenStatus.BadPadding:
                counters.Increment(DataPlaneCounter.PacketsNotDecrypted);
                sa.Counters.AddPaddingError();
                break;
            case OpenStatus.Unsupported:
                counters.Increment(DataPlaneCounter.UnsupportedPackets);
                break;
            default:
                counters.Increment(protocol == IpsecProtocol.Esp ? DataPlaneCounter.PacketsNotDecrypted : DataPlaneCounter.MalformedPackets);
                break;
        }
    }

    private static void CountReceivedBytes(WorkerCounters counters, SaTransform transform, IpsecMode mode, int bytes)
    {
        if (transform.Encrypts)
        {
            counters.Add(DataPlaneCounter.ConfidentialBytesReceived, bytes);
        }

        if (transform.Authenticates)
        {
            counters.Add(DataPlaneCounter.AuthenticatedBytesReceived, bytes);
        }

        counters.Add(mode == IpsecMode.Transport ? DataPlaneCounter.TransportBytesReceived : DataPlaneCounter.TunnelBytesReceived, bytes);
    }
}
