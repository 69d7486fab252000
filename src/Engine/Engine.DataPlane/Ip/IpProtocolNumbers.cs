namespace Engine.DataPlane.Ip;

/// <summary>
/// The IANA protocol numbers this data plane looks at: in the IPv4 Protocol field, the IPv6 Next
/// Header chain, and the Next Header fields of ESP and AH.
/// </summary>
internal static class IpProtocolNumbers
{
    public const byte HopByHopOptions = 0;
    public const byte Icmp = 1;
    public const byte Ipv4 = 4;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Dccp = 33;
    public const byte Ipv6 = 41;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte Esp = 50;
    public const byte Ah = 51;
    public const byte Icmpv6 = 58;

    /// <summary>RFC 4303 section 2.6: a dummy packet (traffic flow confidentiality) carries this.</summary>
    public const byte NoNextHeader = 59;

    public const byte DestinationOptions = 60;
    public const byte Sctp = 132;
    public const byte UdpLite = 136;

    /// <summary>True for protocols whose first four bytes are a source and a destination port.</summary>
    public static bool HasPorts(byte protocol) =>
        protocol is Tcp or Udp or Sctp or UdpLite or Dccp;
}
