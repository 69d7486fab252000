using System;
using System.Net.Sockets;

namespace Engine.DataPlane.Ip;

/// <summary>
/// What the data plane needs to know about one IP packet: where its upper-layer data starts, the
/// selector fields (addresses, protocol, ports) and whether it is a fragment. Filled by
/// <see cref="IpPacketParser"/> without allocating.
/// </summary>
internal struct IpPacketFields
{
    public AddressFamily Family;

    /// <summary>Bytes before the upper-layer header: the IPv4 header with options, or the IPv6 header and its extension headers.</summary>
    public int HeaderLength;

    /// <summary>The packet's length by its own header (IPv4 Total Length, 40 + IPv6 Payload Length).</summary>
    public int TotalLength;

    public UInt128 Source;
    public UInt128 Destination;

    /// <summary>The upper-layer protocol (after IPv6 extension headers).</summary>
    public byte Protocol;

    public ushort SourcePort;
    public ushort DestinationPort;

    /// <summary>False for non-initial fragments and for protocols without ports: the ports are OPAQUE (RFC 4301 section 4.4.1.1).</summary>
    public bool PortsKnown;

    /// <summary>An IPv4 fragment (More Fragments or a non-zero offset) or an IPv6 packet with a Fragment header.</summary>
    public bool IsFragment;

    /// <summary>IPv6 extension headers, or IPv4 options, sit between the fixed header and the upper layer.</summary>
    public bool HasOptions;

    /// <summary>IPv4 Type of Service or IPv6 Traffic Class.</summary>
    public byte TrafficClass;

    /// <summary>IPv4 Time to Live or IPv6 Hop Limit.</summary>
    public byte HopLimit;
}
