using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// One compiled filter, the way IP Security Monitor lists "specific filters": one direction, concrete
/// addresses of one family, and everything about the rule, filter list and action it came from.
/// </summary>
public sealed class EffectiveFilter
{
    internal EffectiveFilter(RuleParts parts, int filterIndex, Filter filter, FilterDirection direction,
        AddressBlock source, string sourceOrigin, AddressBlock destination, string destinationOrigin,
        ushort sourcePort, ushort destinationPort)
    {
        Policy = parts.Policy.Name;
        Rule = parts.Rule.Name;
        RuleIndex = parts.RuleIndex;
        FilterList = parts.List.Name;
        FilterIndex = filterIndex;
        SourceFilter = filter;
        Direction = direction;
        FilterAction = parts.Action.Name;
        Action = parts.Action.Action;
        AllowUnsecuredInbound = parts.Action.AllowUnsecuredInbound;
        FallbackToClear = parts.Action.FallbackToClear;
        SessionKeyPfs = parts.Action.SessionKeyPfs;
        SecurityMethods = parts.SecurityMethods;
        AuthMethods = parts.AuthMethods;
        TunnelEndpoint = parts.Rule.TunnelEndpoint;
        ConnectionType = parts.Rule.ConnectionType;
        Source = source;
        SourceOrigin = sourceOrigin;
        Destination = destination;
        DestinationOrigin = destinationOrigin;
        Protocol = EffectiveProtocol(filter.Protocol.Number, source.Family);
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        Weight = FilterWeight.Of(source, destination, Protocol, sourcePort, destinationPort, Action);
    }

    /// <summary>1-based position in the compiled order: the first filter that matches a packet decides it.</summary>
    public int Order { get; internal set; }

    /// <summary>The ordering weight (<see cref="FilterWeight"/>); higher is more specific.</summary>
    public ulong Weight { get; }

    public string Policy { get; }

    public string Rule { get; }

    public string FilterList { get; }

    /// <summary>0-based position of <see cref="SourceFilter"/> in its filter list.</summary>
    public int FilterIndex { get; }

    /// <summary>The filter as the administrator wrote it.</summary>
    public Filter SourceFilter { get; }

    public FilterDirection Direction { get; }

    public string FilterAction { get; }

    public FilterActionType Action { get; }

    public bool AllowUnsecuredInbound { get; }

    public bool FallbackToClear { get; }

    public bool SessionKeyPfs { get; }

    public IReadOnlyList<SecurityMethod> SecurityMethods { get; }

    public IReadOnlyList<AuthMethod> AuthMethods { get; }

    /// <summary>The rule's tunnel endpoint; null for transport mode.</summary>
    public IPAddress? TunnelEndpoint { get; }

    public ConnectionType ConnectionType { get; }

    public AddressFamily Family => Source.Family;

    public string FamilyName => Source.FamilyName;

    public AddressBlock Source { get; }

    /// <summary>What the source was written as: Me, Any, a DNS name, a server token, or the address itself.</summary>
    public string SourceOrigin { get; }

    public AddressBlock Destination { get; }

    public string DestinationOrigin { get; }

    /// <summary>The IP protocol number; 0 = any. ICMP (1) on an IPv6 filter is ICMPv6 (58).</summary>
    public byte Protocol { get; }

    public string ProtocolName => NameOfProtocol(Protocol);

    /// <summary>0 = any port.</summary>
    public ushort SourcePort { get; }

    /// <summary>0 = any port.</summary>
    public ushort DestinationPort { get; }

    public bool Mirrored => SourceFilter.Mirrored;

    internal int RuleIndex { get; }

    /// <summary>The text of the source or destination with its origin when that differs (e.g. "192.0.2.7 (Me)").</summary>
    public string SourceText => WithOrigin(Source, SourceOrigin);

    public string DestinationText => WithOrigin(Destination, DestinationOrigin);

    public string PortText => Format(SourcePort) + " -> " + Format(DestinationPort);

    /// <summary>The action with its flags, as netsh shows a filter action (e.g. "Negotiate (inpass, soft)").</summary>
    public string ActionText
    {
        get
        {
            if (Action != FilterActionType.Negotiate)
            {
                return Action.ToString();
            }

            var flags = new List<string>();
            if (AllowUnsecuredInbound)
            {
                flags.Add("inpass");
            }

            if (FallbackToClear)
            {
                flags.Add("soft");
            }

            if (SessionKeyPfs)
            {
                flags.Add("qmpfs");
            }

            if (TunnelEndpoint is not null)
            {
                flags.Add($"tunnel {TunnelEndpoint}");
            }

            return flags.Count == 0 ? "Negotiate" : $"Negotiate ({string.Join(", ", flags)})";
        }
    }

    /// <summary>True when a packet with these fields matches this filter.</summary>
    public bool Matches(IPAddress source, IPAddress destination, byte protocol, ushort sourcePort, ushort destinationPort) =>
        Mismatch(source, destination, protocol, sourcePort, destinationPort) is null;

    /// <summary>The first field (in packet order) this filter does not match, or null when it matches.</summary>
    public PacketField? Mismatch(IPAddress source, IPAddress destination, byte protocol, ushort sourcePort, ushort destinationPort)
    {
        if (source.AddressFamily != Family)
        {
            return PacketField.AddressFamily;
        }

        if (!Source.Contains(source))
        {
            return PacketField.SourceAddress;
        }

        if (!Destination.Contains(destination))
        {
            return PacketField.DestinationAddress;
        }

        if (Protocol != 0 && Protocol != EffectiveProtocol(protocol, Family))
        {
            return PacketField.Protocol;
        }

        if (SourcePort != 0 && SourcePort != sourcePort)
        {
            return PacketField.SourcePort;
        }

        if (DestinationPort != 0 && DestinationPort != destinationPort)
        {
            return PacketField.DestinationPort;
        }

        return null;
    }

    /// <summary>True when every packet this filter's fields cover is covered by <paramref name="other"/>'s too.</summary>
    public bool IsCoveredBy(EffectiveFilter other) =>
        other.Family == Family && other.Source.Covers(Source) && other.Destination.Covers(Destination)
        && (other.Protocol == 0 || other.Protocol == Protocol)
        && (other.SourcePort == 0 || other.SourcePort == SourcePort)
        && (other.DestinationPort == 0 || other.DestinationPort == DestinationPort);

    public override string ToString() =>
        $"#{Order} {SourceText} -> {DestinationText} {ProtocolName}"
        + (SourcePort != 0 || DestinationPort != 0 ? $" {PortText}" : string.Empty)
        + $" [{Rule}: {FilterAction}]";

    /// <summary>ICMP means ICMPv6 on IPv6, as in Windows' "All ICMP Traffic".</summary>
    internal static byte EffectiveProtocol(byte protocol, AddressFamily family) =>
        protocol == FilterProtocol.IcmpNumber && family == AddressFamily.InterNetworkV6 ? FilterProtocol.Icmpv6Number : protocol;

    /// <summary>The protocol's name as tables show it ("ICMPv6" for 58).</summary>
    internal static string NameOfProtocol(byte protocol) =>
        protocol == FilterProtocol.Icmpv6Number ? "ICMPv6" : new FilterProtocol(protocol).ToString();

    private static string Format(ushort port) => port == 0 ? "Any" : port.ToString(CultureInfo.InvariantCulture);

    private static string WithOrigin(AddressBlock block, string origin)
    {
        var text = block.ToString();
        return origin == text ? text : $"{text} ({origin})";
    }
}
