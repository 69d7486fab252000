using System.Collections.Generic;
using System.Globalization;
using System.Net;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// A policy compiled for one host: its effective filters, most specific first, what the DNS names
/// resolved to, and what could not be compiled. <see cref="Match"/> explains a packet's fate;
/// <see cref="Classify"/> answers the same question through the index, without the explanation.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly FilterIndex index;

    internal CompiledPolicy(Policy policy, HostContext host, List<EffectiveFilter> filters, IReadOnlyList<NameResolution> resolutions, IReadOnlyList<Diagnostic> diagnostics)
    {
        Policy = policy;
        Host = host;
        Filters = filters;
        Resolutions = resolutions;
        Diagnostics = diagnostics;
        index = new FilterIndex(filters);
    }

    public Policy Policy { get; }

    public HostContext Host { get; }

    /// <summary>The effective filters in the order they are tried; <see cref="EffectiveFilter.Order"/> is the 1-based position.</summary>
    public IReadOnlyList<EffectiveFilter> Filters { get; }

    /// <summary>Every DNS name the policy uses and what it resolved to.</summary>
    public IReadOnlyList<NameResolution> Resolutions { get; }

    /// <summary>What could not be compiled on this host (unresolvable names, tokens without servers, ...): warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Classifies a packet and explains it. Filters of the other address family are not listed (they
    /// cannot apply). Ports must be 0 unless the protocol is TCP or UDP; ICMP (1) on IPv6 is taken as ICMPv6.
    /// </summary>
    /// <exception cref="PolicyException">InvalidPacket for mixed families; PortsRequireTcpOrUdp for ports on another protocol.</exception>
    public MatchResult Match(IPAddress source, IPAddress destination, byte protocol, ushort sourcePort = 0, ushort destinationPort = 0)
    {
        CheckPacket(source, destination, protocol, sourcePort, destinationPort);
        var effectiveProtocol = EffectiveFilter.EffectiveProtocol(protocol, source.AddressFamily);
        var candidates = new List<MatchCandidate>();
        EffectiveFilter? decider = null;
        foreach (var filter in Filters)
        {
            if (filter.Family != source.AddressFamily)
            {
                continue;
            }

            var mismatch = filter.Mismatch(source, destination, effectiveProtocol, sourcePort, destinationPort);
            if (decider is null)
            {
                if (mismatch is PacketField field)
                {
                    candidates.Add(new MatchCandidate(filter, CandidateOutcome.NotMatched, field, Explain(filter, field, source, destination, effectiveProtocol, sourcePort, destinationPort)));
                }
                else
                {
                    decider = filter;
                    candidates.Add(new MatchCandidate(filter, CandidateOutcome.Decided, null, $"Matches every field; first in order (weight {filter.Weight.ToString(CultureInfo.InvariantCulture)})."));
                }
            }
            else if (mismatch is null)
            {
                candidates.Add(new MatchCandidate(filter, CandidateOutcome.LessSpecific, null,
                    $"Matches too, but is less specific than #{decider.Order} (weight {filter.Weight.ToString(CultureInfo.InvariantCulture)} < {decider.Weight.ToString(CultureInfo.InvariantCulture)})"
                    + (filter.Weight == decider.Weight ? "; equal weight, so the earlier rule or filter wins." : ".")));
            }
        }

        return new MatchResult(Policy.Name, source, destination, effectiveProtocol, sourcePort, destinationPort, decider, candidates);
    }

    public MatchResult Match(IPAddress source, IPAddress destination, FilterProtocol protocol, ushort sourcePort = 0, ushort destinationPort = 0) =>
        Match(source, destination, protocol.Number, sourcePort, destinationPort);

    /// <summary>The filter that decides the packet, found through the index; null when none matches.</summary>
    public EffectiveFilter? Classify(IPAddress source, IPAddress destination, byte protocol, ushort sourcePort = 0, ushort destinationPort = 0)
    {
        CheckPacket(source, destination, protocol, sourcePort, destinationPort);
        return index.Classify(source.AddressFamily, Ip128.From(source), Ip128.From(destination),
            EffectiveFilter.EffectiveProtocol(protocol, source.AddressFamily), sourcePort, destinationPort);
    }

    /// <summary>
    /// The earliest filter ordered before <paramref name="filter"/> that matches every packet it
    /// matches, so that <paramref name="filter"/> never decides anything; null when there is none.
    /// (Coverage by several filters together is not detected.)
    /// </summary>
    public EffectiveFilter? ShadowedBy(EffectiveFilter filter) => index.FirstCovering(filter);

    private static void CheckPacket(IPAddress source, IPAddress destination, byte protocol, ushort sourcePort, ushort destinationPort)
    {
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new PolicyException(ErrorIds.InvalidPacket, PolicyErrorCategory.InvalidArgument,
                $"A packet's source ({source}) and destination ({destination}) are of one address family.", $"{source} -> {destination}");
        }

        if ((sourcePort != 0 || destinationPort != 0) && protocol is not (FilterProtocol.TcpNumber or FilterProtocol.UdpNumber))
        {
            throw new PolicyException(ErrorIds.PortsRequireTcpOrUdp, PolicyErrorCategory.InvalidArgument,
                $"Ports apply only to TCP and UDP, not to protocol {new FilterProtocol(protocol)}.", protocol);
        }
    }

    private static string Explain(EffectiveFilter filter, PacketField field, IPAddress source, IPAddress destination, byte protocol, ushort sourcePort, ushort destinationPort) => field switch
    {
        PacketField.SourceAddress => $"Source {source} is not in {filter.SourceText}.",
        PacketField.DestinationAddress => $"Destination {destination} is not in {filter.DestinationText}.",
        PacketField.Protocol => $"Protocol {EffectiveFilter.NameOfProtocol(protocol)} is not {filter.ProtocolName}.",
        PacketField.SourcePort => $"Source port {sourcePort.ToString(CultureInfo.InvariantCulture)} is not {filter.SourcePort.ToString(CultureInfo.InvariantCulture)}.",
        PacketField.DestinationPort => $"Destination port {destinationPort.ToString(CultureInfo.InvariantCulture)} is not {filter.DestinationPort.ToString(CultureInfo.InvariantCulture)}.",
        _ => $"The filter is {filter.FamilyName}.",
    };
}
