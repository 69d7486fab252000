using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Selectors;

/// <summary>
/// One side of the traffic an IPsec SA protects: an address range (a host, a prefix or any range),
/// an IP protocol (0 = any) and a port (0 = any). Quick mode carries it as an ID payload (IDci for
/// the initiator's side, IDcr for the responder's), RFC 2407 section 4.6.2.
/// </summary>
public sealed class TrafficSelector : IEquatable<TrafficSelector>
{
    private readonly UInt128 first;
    private readonly UInt128 last;

    private TrafficSelector(AddressFamily family, UInt128 first, UInt128 last, byte protocol, ushort port)
    {
        if (first > last)
        {
            throw new ArgumentException("A traffic selector's range cannot end before it starts.");
        }

        Family = family;
        this.first = first;
        this.last = last;
        Protocol = protocol;
        Port = port;
    }

    public AddressFamily Family { get; }

    public IPAddress First => AddressMath.ToAddress(first, Family);

    public IPAddress Last => AddressMath.ToAddress(last, Family);

    /// <summary>IP protocol number; 0 means every protocol.</summary>
    public byte Protocol { get; }

    /// <summary>TCP/UDP port; 0 means every port.</summary>
    public ushort Port { get; }

    public bool IsHost => first == last;

    /// <summary>The prefix length when the range is one CIDR block.</summary>
    public int? PrefixLength => AddressMath.PrefixLengthOf(first, last, Family);

    public static TrafficSelector ForHost(IPAddress address, byte protocol = 0, ushort port = 0)
    {
        var value = AddressMath.ToNumber(address);
        return new TrafficSelector(address.AddressFamily, value, value, protocol, port);
    }

    public static TrafficSelector ForSubnet(IPAddress network, int prefixLength, byte protocol = 0, ushort port = 0)
    {
        var family = network.AddressFamily;
        if (prefixLength < 0 || prefixLength > AddressMath.Bits(family))
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength));
        }

        var mask = AddressMath.HostMask(prefixLength, family);
        var start = AddressMath.ToNumber(network) & ~mask;
        return new TrafficSelector(family, start, start | mask, protocol, port);
    }

    public static TrafficSelector ForRange(IPAddress firstAddress, IPAddress lastAddress, byte protocol = 0, ushort port = 0)
    {
        if (firstAddress.AddressFamily != lastAddress.AddressFamily)
        {
            throw new ArgumentException("A range cannot mix IPv4 and IPv6.", nameof(lastAddress));
        }

        return new TrafficSelector(firstAddress.AddressFamily, AddressMath.ToNumber(firstAddress), AddressMath.ToNumber(lastAddress), protocol, port);
    }

    public static TrafficSelector Any(AddressFamily family) => new(family, UInt128.Zero, AddressMath.HostMask(0, family), 0, 0);

    /// <summary>
    /// Reads an IDci/IDcr. Only the address types describe traffic; a name or key id in quick
    /// mode is INVALID-ID-INFORMATION, which the caller answers. A subnet whose mask is not
    /// contiguous is refused the same way.
    /// </summary>
    public static bool TryFromIdentification(IdentificationPayload id, out TrafficSelector? selector)
    {
        selector = null;
        switch (id.IdType)
        {
            case IdentificationType.Ipv4Address or IdentificationType.Ipv6Address when id.TryGetAddress(out var address):
                selector = ForHost(address!, id.Protocol, id.Port);
                return true;
            case IdentificationType.Ipv4AddressSubnet or IdentificationType.Ipv6AddressSubnet when id.TryGetAddressPair(out var network, out var mask):
                if (AddressMath.PrefixLengthOfMask(mask!) is not int length)
                {
                    return false;
                }

                selector = ForSubnet(network!, length, id.Protocol, id.Port);
                return true;
            case IdentificationType.Ipv4AddressRange or IdentificationType.Ipv6AddressRange when id.TryGetAddressPair(out var start, out var end):
                if (AddressMath.ToNumber(start!) > AddressMath.ToNumber(end!))
                {
                    return false;
                }

                selector = ForRange(start!, end!, id.Protocol, id.Port);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The ID payload for this selector: an address for a host, a subnet for a CIDR block, a
    /// range otherwise, the form Windows and strongSwan send for each.
    /// </summary>
    public IdentificationPayload ToIdentification()
    {
        if (IsHost)
        {
            return IdentificationPayload.ForAddress(First, Protocol, Port);
        }

        return PrefixLength is int length
            ? IdentificationPayload.ForSubnet(First, length, Protocol, Port)
            : IdentificationPayload.ForRange(First, Last, Protocol, Port);
    }

    /// <summary>True when every packet this selector names is also named by <paramref name="inner"/>'s container, this one.</summary>
    public bool Covers(TrafficSelector inner) =>
        inner.Family == Family && first <= inner.first && inner.last <= last
        && (Protocol == 0 || Protocol == inner.Protocol)
        && (Port == 0 || Port == inner.Port);

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Family)
        {
            return false;
        }

        var value = AddressMath.ToNumber(address);
        return first <= value && value <= last;
    }

    public TrafficSelector WithAddresses(TrafficSelector addresses) =>
        new(addresses.Family, addresses.first, addresses.last, Protocol, Port);

    public bool Equals(TrafficSelector? other) =>
        other is not null && Family == other.Family && first == other.first && last == other.last
        && Protocol == other.Protocol && Port == other.Port;

    public override bool Equals(object? obj) => Equals(obj as TrafficSelector);

    public override int GetHashCode() => HashCode.Combine(Family, first, last, Protocol, Port);

    public override string ToString()
    {
        var addresses = IsHost ? First.ToString()
            : PrefixLength is int length ? $"{First}/{length.ToString(CultureInfo.InvariantCulture)}"
            : $"{First}-{Last}";
        var protocol = Protocol == 0 ? "any" : Protocol.ToString(CultureInfo.InvariantCulture);
        var port = Port == 0 ? "any" : Port.ToString(CultureInfo.InvariantCulture);
        return $"{addresses} proto {protocol} port {port}";
    }
}
