using System.Collections.Generic;

namespace Engine.Platform.Linux.Nftables;

/// <summary>
/// One step of a chain as <see cref="VerdictMapPlanner"/> lays it out: either one plain rule
/// (<see cref="Map"/> is null, <see cref="Elements"/> holds its index alone) or one lookup in a
/// verdict map holding the elements of <see cref="Elements"/>, which came from the consecutive
/// rules <see cref="FirstIndex"/> to <see cref="LastIndex"/> (rules shadowed by an earlier
/// element of the same map are left out).
/// </summary>
/// <param name="Map">The map's name; null for a plain rule.</param>
/// <param name="Shape">The match shape shared by every rule of the block.</param>
/// <param name="Elements">Indices into the ruleset's rules of the rules the block matches with.</param>
/// <param name="FirstIndex">Index of the first rule the block replaces.</param>
/// <param name="LastIndex">Index of the last rule the block replaces.</param>
internal sealed record RuleBlock(string? Map, MatchShape Shape, IReadOnlyList<int> Elements, int FirstIndex, int LastIndex);
