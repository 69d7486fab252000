using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// What RFC 2661 section 4.4 says about one attribute: the M bit a sender sets, whether the value
/// may be hidden (section 4.3), and the value's length (exact, or a minimum for variable ones).
/// </summary>
public sealed record AvpDefinition(AvpType Type, string Name, bool Mandatory, bool MayBeHidden, int MinimumLength, int? ExactLength)
{
    /// <summary>True when <paramref name="length"/> value octets are well formed for this attribute.</summary>
    public bool AcceptsLength(int length) => ExactLength is { } exact ? length == exact : length >= MinimumLength;
}
