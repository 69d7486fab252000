using System.Net;

namespace Engine.DataPlane.Spd;

/// <summary>
/// A packet needs an SA that does not exist (RFC 4301's "acquire"): IKE should negotiate one for
/// the entry. Reported once per entry and address pair per retry interval, however many packets
/// arrive meanwhile. The packet's own fields let IKE narrow the selectors it proposes.
/// </summary>
/// <param name="Entry">The policy entry that matched.</param>
/// <param name="Source">The packet's source address.</param>
/// <param name="Destination">The packet's destination address.</param>
/// <param name="Protocol">The packet's upper-layer protocol.</param>
/// <param name="SourcePort">Its source port, 0 when it has none.</param>
/// <param name="DestinationPort">Its destination port, 0 when it has none.</param>
public sealed record AcquireRequest(SpdEntry Entry, IPAddress Source, IPAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort);
