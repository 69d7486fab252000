using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace IpSecPolicy.Commands.Common;

/// <summary>Get-* name matching: wildcards select, a plain name that matches nothing is an error.</summary>
internal static class NameFilter
{
    /// <summary>
    /// The items whose name matches any pattern (all items when there are none), in store order,
    /// and the plain names that matched nothing.
    /// </summary>
    public static (List<T> Matches, List<string> Missing) Select<T>(IEnumerable<T> items, IReadOnlyCollection<string>? names, Func<T, string> nameOf)
    {
        var all = items.ToList();
        if (names is null || names.Count == 0)
        {
            return (all, new List<string>());
        }

        var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        var matches = all.Where(item => patterns.Any(p => p.IsMatch(nameOf(item)))).ToList();
        var missing = names
            .Where(n => !WildcardPattern.ContainsWildcardCharacters(n))
            .Where(n => !all.Any(item => string.Equals(nameOf(item), n, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return (matches, missing);
    }
}
