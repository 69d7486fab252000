namespace Engine.Platform.Linux.Tun;

/// <summary>The shape of one TCP super-packet being split (<see cref="TcpSegmentation"/>).</summary>
/// <param name="IpHeaderLength">Bytes of IP header (IPv4 with options, or 40).</param>
/// <param name="HeadersLength">IP and TCP headers: what every segment repeats.</param>
/// <param name="SegmentSize">TCP payload bytes per segment (the last may have fewer).</param>
/// <param name="SegmentCount">Segments the super-packet yields.</param>
/// <param name="IsIpv4">IPv4 (identification, header checksum) rather than IPv6.</param>
internal readonly record struct SegmentLayout(int IpHeaderLength, int HeadersLength, int SegmentSize, int SegmentCount, bool IsIpv4);
