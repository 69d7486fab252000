using Engine.DataPlane.Ip;

namespace Engine.DataPlane.Spd;

/// <summary>
/// What traffic a policy entry or an SA covers, seen from this host: local addresses and ports
/// on one side, remote ones on the other, and an IP protocol (0 for any). Outbound packets match
/// with their source on the local side; inbound packets with their source on the remote side.
/// This is what IKEv1's ID payloads (IDci/IDcr) negotiate and what a policy filter expands to.
/// </summary>
public sealed record TrafficSelector
{
    /// <summary>Everything: any addresses of either family, any protocol and ports.</summary>
    public static TrafficSelector Any { get; } = new();

    public AddressRange LocalAddresses { get; init; } = AddressRange.Any;

    public AddressRange RemoteAddresses { get; init; } = AddressRange.Any;

    /// <summary>IP protocol number (after IPv6 extension headers), or 0 for any.</summary>
    public byte Protocol { get; init; }

    public PortRange LocalPorts { get; init; } = PortRange.Any;

    public PortRange RemotePorts { get; init; } = PortRange.Any;

    /// <summary>A selector between two hosts, any protocol.</summary>
    public static TrafficSelector Between(AddressRange local, AddressRange remote) => new() { LocalAddresses = local, RemoteAddresses = remote };

    internal bool MatchesOutbound(in IpPacketFields packet) =>
        LocalAddresses.Matches(packet.Family, packet.Source)
        && RemoteAddresses.Matches(packet.Family, packet.Destination)
        && MatchesProtocolAndPorts(packet, localPort: packet.SourcePort, remotePort: packet.DestinationPort);

    internal bool MatchesInbound(in IpPacketFields packet, bool checkAddresses) =>
        (!checkAddresses || (RemoteAddresses.Matches(packet.Family, packet.Source) && LocalAddresses.Matches(packet.Family, packet.Destination)))
        && MatchesProtocolAndPorts(packet, localPort: packet.DestinationPort, remotePort: packet.SourcePort);

    private bool MatchesProtocolAndPorts(in IpPacketFields packet, ushort localPort, ushort remotePort)
    {
        if (Protocol != 0 && Protocol != packet.Protocol)
        {
            return false;
        }

        if (LocalPorts.IsAny && RemotePorts.IsAny)
        {
            return true;
        }

        // Specific ports never match a packet whose ports are OPAQUE (RFC 4301 section 4.4.1.1).
        return packet.PortsKnown && LocalPorts.Contains(localPort) && RemotePorts.Contains(remotePort);
    }

    public override string ToString() =>
        $"{LocalAddresses}[{LocalPorts}] <-> {RemoteAddresses}[{RemotePorts}] proto {(Protocol == 0 ? "any" : Protocol.ToString())}";
}
