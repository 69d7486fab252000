using System.Text.Json.Serialization;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Objects;

/// <summary>
/// One filter of a filter list (netsh add filter). A filter has no name: it is identified by its
/// list and its fields, and a list never holds the same filter twice.
/// </summary>
public sealed class Filter
{
    /// <summary>The list this filter belongs to; filled when read, not stored.</summary>
    [JsonIgnore]
    public string? FilterList { get; set; }

    public FilterAddress SourceAddress { get; set; } = FilterAddress.Me;

    public FilterAddress DestinationAddress { get; set; } = FilterAddress.Any;

    public FilterProtocol Protocol { get; set; } = FilterProtocol.Any;

    /// <summary>0 = any port; only with TCP or UDP.</summary>
    public ushort SourcePort { get; set; }

    /// <summary>0 = any port; only with TCP or UDP.</summary>
    public ushort DestinationPort { get; set; }

    /// <summary>Also match the exact opposite direction (default, and required for Negotiate).</summary>
    public bool Mirrored { get; set; } = true;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    /// <summary>Same traffic selector: what makes two filters in one list duplicates.</summary>
    public bool SameSelector(Filter other) =>
        SourceAddress.Equals(other.SourceAddress) && DestinationAddress.Equals(other.DestinationAddress)
        && Protocol == other.Protocol && SourcePort == other.SourcePort && DestinationPort == other.DestinationPort
        && Mirrored == other.Mirrored;

    public Filter Clone() => (Filter)MemberwiseClone();

    public override string ToString()
    {
        var arrow = Mirrored ? "<->" : "->";
        var ports = Protocol.HasPorts ? $" {SourcePort}{arrow}{DestinationPort}" : string.Empty;
        return $"{SourceAddress} {arrow} {DestinationAddress} {Protocol}{ports}";
    }
}
