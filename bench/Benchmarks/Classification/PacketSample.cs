using System.Net;

namespace IpSecPolicy.Benchmarks.Classification;

/// <summary>The fields of one packet that classification looks at.</summary>
public sealed record PacketSample(IPAddress Source, IPAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort);
