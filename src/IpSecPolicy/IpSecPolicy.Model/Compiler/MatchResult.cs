using System.Collections.Generic;
using System.Globalization;
using System.Net;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Compiler;

/// <summary>
/// How a compiled policy classifies one packet: the effective filter, rule and action that decide
/// it, and every filter considered in order with why it lost (Find-IpSecRule's output).
/// </summary>
public sealed class MatchResult
{
    internal MatchResult(string policy, IPAddress source, IPAddress destination, byte protocol, ushort sourcePort, ushort destinationPort,
        EffectiveFilter? decidedBy, IReadOnlyList<MatchCandidate> candidates)
    {
        Policy = policy;
        SourceAddress = source;
        DestinationAddress = destination;
        Protocol = protocol;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        DecidedBy = decidedBy;
        Candidates = candidates;
    }

    public string Policy { get; }

    public IPAddress SourceAddress { get; }

    public IPAddress DestinationAddress { get; }

    /// <summary>The packet's protocol number as matched (ICMP on IPv6 is 58).</summary>
    public byte Protocol { get; }

    public ushort SourcePort { get; }

    public ushort DestinationPort { get; }

    /// <summary>The deciding effective filter; null when no filter matches.</summary>
    public EffectiveFilter? DecidedBy { get; }

    /// <summary>The deciding rule's name; null when no filter matches.</summary>
    public string? Rule => DecidedBy?.Rule;

    public string? FilterList => DecidedBy?.FilterList;

    public string? FilterAction => DecidedBy?.FilterAction;

    /// <summary>
    /// What happens to the packet: the deciding action, or Permit when no filter matches (a packet
    /// that matches no filter passes unprotected, as on Windows).
    /// </summary>
    public FilterActionType Action => DecidedBy?.Action ?? FilterActionType.Permit;

    /// <summary>True when a filter decides; false when the packet passes because nothing matches.</summary>
    public bool Matched => DecidedBy is not null;

    /// <summary>A one-line verdict for tables.</summary>
    public string Verdict => DecidedBy is null
        ? "Permit (no filter matches; sent in the clear)"
        : $"{DecidedBy.ActionText} by rule '{DecidedBy.Rule}' ({DecidedBy.FilterAction})";

    /// <summary>The filters considered, in compiled order: those before the decider that did not match, the decider, then the matching ones it beat.</summary>
    public IReadOnlyList<MatchCandidate> Candidates { get; }

    public string Packet => $"{SourceAddress} -> {DestinationAddress} {ProtocolName}"
        + (SourcePort != 0 || DestinationPort != 0
            ? string.Format(CultureInfo.InvariantCulture, " {0} -> {1}", SourcePort, DestinationPort)
            : string.Empty);

    public string ProtocolName => EffectiveFilter.NameOfProtocol(Protocol);

    public override string ToString() => $"{Packet}: {Verdict}";
}
