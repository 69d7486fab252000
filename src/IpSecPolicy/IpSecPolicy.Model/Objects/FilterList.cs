using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace IpSecPolicy.Model.Objects;

/// <summary>A named, shared list of filters (netsh add filterlist).</summary>
public sealed class FilterList
{
    public string Name { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; set; }

    public List<Filter> Filters { get; set; } = new();

    public DateTimeOffset LastModified { get; set; }

    /// <summary>Number of filters, for the table view.</summary>
    [JsonIgnore]
    public int FilterCount => Filters.Count;

    public FilterList Clone()
    {
        var copy = (FilterList)MemberwiseClone();
        copy.Filters = Filters.Select(f => f.Clone()).ToList();
        return copy;
    }

    public override string ToString() => Name;
}
