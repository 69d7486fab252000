using System;
using System.Linq;

namespace Engine.L2tp.Tests.L2tp.Support;

/// <summary>Hex strings for golden bytes: whitespace is ignored, so vectors can be laid out as on the wire.</summary>
public static class Hex
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(string.Concat(text.Where(character => !char.IsWhiteSpace(character))));

    public static string Format(ReadOnlySpan<byte> octets) => Convert.ToHexString(octets).ToLowerInvariant();
}
