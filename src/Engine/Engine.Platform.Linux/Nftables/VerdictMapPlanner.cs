using System.Collections.Generic;
using System.Globalization;

namespace Engine.Platform.Linux.Nftables;

/// <summary>
/// Lays out the rules of one direction as plain rules and verdict-map lookups, keeping the
/// first-match order exactly: only consecutive rules of one <see cref="MatchShape"/> share a map,
/// and a run is cut where a rule overlaps an earlier element of its map in part (an element it
/// overlaps whole is shadowed, and left out, as it could never decide a packet). Within a map no
/// packet matches two elements, so the order nftables looks them up in does not matter.
/// </summary>
internal static class VerdictMapPlanner
{
    /// <summary>Shorter runs stay plain rules, so that small policies read as before in <c>nft list</c>.</summary>
    public const int MinimumRun = 4;

    /// <param name="rules">Every rule of the ruleset.</param>
    /// <param name="indices">The indices of the rules of one direction, in order.</param>
    /// <param name="mapPrefix">The maps' names are this prefix and a number from 1.</param>
    public static List<RuleBlock> Plan(IReadOnlyList<EnforcementRule> rules, IReadOnlyList<int> indices, string mapPrefix)
    {
        var blocks = new List<RuleBlock>();
        int maps = 0;
        int position = 0;
        int extent = 0;
        MatchShape shape = default;
        while (position < indices.Count)
        {
            // The rules from here that match on the same fields; the map's key takes an interval
            // wherever one of them has one (a single value is an interval of one), so that a list
            // of hosts and prefixes makes one map rather than many short runs. An all-exact run
            // stays a hash map, the cheapest lookup.
            if (position >= extent)
            {
                shape = MatchShape.Of(rules[indices[position]]);
                MatchShape presence = shape.Presence;
                for (extent = position + 1; extent < indices.Count && MatchShape.Of(rules[indices[extent]]) is var next && next.Presence == presence; extent++)
                {
                    shape = shape.Union(next);
                }
            }

            int end = position + 1;
            var elements = new List<int> { indices[position] };
            if (shape.HasKey)
            {
                var index = new MapElementIndex(shape);
                index.Add(rules[indices[position]]);
                for (; end < extent; end++)
                {
                    ElementFit fit = index.Add(rules[indices[end]]);
                    if (fit == ElementFit.StartNewMap)
                    {
                        break;
                    }

                    if (fit == ElementFit.Added)
                    {
                        elements.Add(indices[end]);
                    }
                }
            }

            if (end - position >= MinimumRun)
            {
                maps++;
                string name = string.Create(CultureInfo.InvariantCulture, $"{mapPrefix}{maps}");
                blocks.Add(new RuleBlock(name, shape, elements, indices[position], indices[end - 1]));
            }
            else
            {
                for (int plain = position; plain < end; plain++)
                {
                    blocks.Add(new RuleBlock(null, shape, [indices[plain]], indices[plain], indices[plain]));
                }
            }

            position = end;
        }

        return blocks;
    }
}
