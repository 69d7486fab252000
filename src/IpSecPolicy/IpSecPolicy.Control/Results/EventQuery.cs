using System;
using System.Collections.Generic;

namespace IpSecPolicy.Control.Results;

/// <summary>The arguments of GetEvents; every filter is optional and they combine with AND.</summary>
public sealed class EventQuery
{
    /// <summary>Only events with one of these ids.</summary>
    public List<int>? Id { get; set; }

    /// <summary>Only events created after this time (exclusive).</summary>
    public DateTimeOffset? After { get; set; }

    /// <summary>Only events created before this time (exclusive).</summary>
    public DateTimeOffset? Before { get; set; }

    /// <summary>At most this many, the newest ones.</summary>
    public int? Newest { get; set; }

    /// <summary>The query as the request's arguments object (null filters left out).</summary>
    public IDictionary<string, object?> ToArguments() => new Dictionary<string, object?>
    {
        ["id"] = Id,
        ["after"] = After,
        ["before"] = Before,
        ["newest"] = Newest,
    };
}
