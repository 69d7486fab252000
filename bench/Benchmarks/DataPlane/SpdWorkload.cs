using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Engine.DataPlane.Spd;
using IpSecPolicy.Benchmarks.Classification;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Benchmarks.DataPlane;

/// <summary>
/// The data plane's view of <see cref="PolicyWorkload"/>: one outbound SPD entry per effective
/// Negotiate filter, in compiled order (priority 2i + 1, as the engine host numbers its traps), and
/// the workload's packets as IPv4 datagrams (UDP, TCP with a bare header, ICMP echo) the TUN
/// device would deliver. Entries discard, so that a packet's whole cost is the parse and the lookup.
/// </summary>
public static class SpdWorkload
{
    public static IReadOnlyList<SpdEntry> Entries(CompiledPolicy compiled)
    {
        var entries = new List<SpdEntry>();
        for (var i = 0; i < compiled.Filters.Count; i++)
        {
            var filter = compiled.Filters[i];
            if (filter.Action != FilterActionType.Negotiate)
            {
                continue;
            }

            entries.Add(new SpdEntry
            {
                Id = entries.Count + 1,
                Priority = 2 * i + 1,
                ReqId = entries.Count + 1,
                Action = SpdAction.Discard,
                Selector = new TrafficSelector
                {
                    LocalAddresses = Range(filter.Source),
                    RemoteAddresses = Range(filter.Destination),
                    Protocol = filter.Protocol,
                    LocalPorts = filter.SourcePort == 0 ? PortRange.Any : PortRange.Single(filter.SourcePort),
                    RemotePorts = filter.DestinationPort == 0 ? PortRange.Any : PortRange.Single(filter.DestinationPort),
                },
            });
        }

        return entries;
    }

    public static byte[][] Packets(IReadOnlyList<PacketSample> samples)
    {
        var packets = new byte[samples.Count][];
        for (var i = 0; i < samples.Count; i++)
        {
            packets[i] = Packet(samples[i]);
        }

        return packets;
    }

    private static AddressRange Range(AddressBlock block) => block.PrefixLength is int length
        ? AddressRange.Prefix(block.First, length)
        : AddressRange.Range(block.First, block.Last);

    private static byte[] Packet(PacketSample sample)
    {
        if (sample.Source.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("The workload's packets are IPv4.", nameof(sample));
        }

        var upper = sample.Protocol switch { 6 => 20, 17 => 8, _ => 8 };
        var packet = new byte[20 + upper];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = sample.Protocol;
        sample.Source.TryWriteBytes(packet.AsSpan(12), out _);
        sample.Destination.TryWriteBytes(packet.AsSpan(16), out _);
        if (sample.Protocol is 6 or 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), sample.SourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), sample.DestinationPort);
        }
        else
        {
            packet[20] = 8;
        }

        if (sample.Protocol == 6)
        {
            packet[32] = 5 << 4;
        }
        else if (sample.Protocol == 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), 8);
        }

        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(i));
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~sum);
        return packet;
    }
}
