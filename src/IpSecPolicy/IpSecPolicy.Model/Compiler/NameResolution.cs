using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace IpSecPolicy.Model.Compiler;

/// <summary>What a DNS name resolved to when the policy was compiled, or why it did not.</summary>
public sealed class NameResolution
{
    private NameResolution(string name, IReadOnlyList<IPAddress> addresses, string? error)
    {
        Name = name;
        Addresses = addresses;
        Error = error;
    }

    public string Name { get; }

    /// <summary>The addresses, IPv4 and IPv6, in the resolver's order; empty on failure.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>Why the name did not resolve; null on success.</summary>
    public string? Error { get; }

    public bool Succeeded => Error is null;

    public static NameResolution Success(string name, IEnumerable<IPAddress> addresses)
    {
        var list = addresses.Distinct().ToList();
        return list.Count == 0
            ? Failure(name, "The name has no A or AAAA record.")
            : new NameResolution(name, list, null);
    }

    public static NameResolution Failure(string name, string error) =>
        new(name, Array.Empty<IPAddress>(), string.IsNullOrWhiteSpace(error) ? "The name did not resolve." : error);

    public override string ToString() => Succeeded ? $"{Name} = {string.Join(", ", Addresses)}" : $"{Name}: {Error}";
}
