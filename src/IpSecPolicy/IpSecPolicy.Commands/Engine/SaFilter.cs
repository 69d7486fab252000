using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;

namespace IpSecPolicy.Commands.Engine;

/// <summary>
/// How the SA cmdlets pick SAs: an id or a name by wildcard pattern, a peer by address (any
/// spelling of the same IPv4 or IPv6 address) or by wildcard pattern on its text.
/// </summary>
internal static class SaFilter
{
    /// <summary>True when no patterns were given or <paramref name="value"/> matches one of them.</summary>
    public static bool MatchesAny(string value, IReadOnlyCollection<string>? patterns) =>
        patterns is null || patterns.Count == 0 || patterns.Any(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(value));

    /// <summary>True when no peers were given or <paramref name="address"/> is one of them (an address) or matches one (a pattern).</summary>
    public static bool MatchesPeer(string address, IReadOnlyCollection<string>? peers) =>
        peers is null || peers.Count == 0 || peers.Any(peer => IsPeer(address, peer));

    /// <summary>The plain values (no wildcards) that matched none of <paramref name="values"/>.</summary>
    public static IEnumerable<string> Unmatched(IReadOnlyCollection<string>? patterns, IEnumerable<string> values, Func<string, string, bool> matches)
    {
        if (patterns is null)
        {
            return Enumerable.Empty<string>();
        }

        var all = values.ToList();
        return patterns.Where(pattern => !WildcardPattern.ContainsWildcardCharacters(pattern) && !all.Any(value => matches(value, pattern))).ToList();
    }

    public static bool IsPeer(string address, string peer)
    {
        if (IPAddress.TryParse(peer, out var wanted) && IPAddress.TryParse(address, out var actual))
        {
            return wanted.Equals(actual);
        }

        return new WildcardPattern(peer, WildcardOptions.IgnoreCase).IsMatch(address);
    }

    public static bool IsId(string id, string pattern) => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(id);
}
