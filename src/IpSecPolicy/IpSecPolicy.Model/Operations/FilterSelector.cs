using System.Collections.Generic;
using System.Globalization;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Operations;

/// <summary>
/// Which filters of a list a removal means, as netsh delete filter reads its arguments: source
/// and destination are required and must match exactly; protocol, ports and mirrored narrow the
/// choice when given and match any value when left out, so one selector may match several filters.
/// </summary>
public sealed class FilterSelector
{
    public FilterSelector(FilterAddress sourceAddress, FilterAddress destinationAddress)
    {
        SourceAddress = sourceAddress;
        DestinationAddress = destinationAddress;
    }

    public FilterAddress SourceAddress { get; }

    public FilterAddress DestinationAddress { get; }

    /// <summary>Null matches any protocol.</summary>
    public FilterProtocol? Protocol { get; set; }

    /// <summary>Null matches any source port (0, "any port", is a value like the others).</summary>
    public ushort? SourcePort { get; set; }

    /// <summary>Null matches any destination port.</summary>
    public ushort? DestinationPort { get; set; }

    /// <summary>Null matches mirrored and one-way filters alike.</summary>
    public bool? Mirrored { get; set; }

    public bool Matches(Filter filter) =>
        filter.SourceAddress.Equals(SourceAddress) && filter.DestinationAddress.Equals(DestinationAddress)
        && (Protocol is null || filter.Protocol == Protocol.Value)
        && (SourcePort is null || filter.SourcePort == SourcePort.Value)
        && (DestinationPort is null || filter.DestinationPort == DestinationPort.Value)
        && (Mirrored is null || filter.Mirrored == Mirrored.Value);

    public override string ToString()
    {
        var parts = new List<string> { $"{SourceAddress} -> {DestinationAddress}" };
        if (Protocol is not null)
        {
            parts.Add($"protocol {Protocol.Value}");
        }

        if (SourcePort is not null)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, "source port {0}", SourcePort.Value));
        }

        if (DestinationPort is not null)
        {
            parts.Add(string.Format(CultureInfo.InvariantCulture, "destination port {0}", DestinationPort.Value));
        }

        if (Mirrored is not null)
        {
            parts.Add(Mirrored.Value ? "mirrored" : "not mirrored");
        }

        return string.Join(", ", parts);
    }
}
