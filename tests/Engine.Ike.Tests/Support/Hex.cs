using System.Text.RegularExpressions;

namespace Engine.Ike.Tests.Support;

/// <summary>
/// Golden bytes written the way the RFC diagrams read: hex with spaces, line breaks and
/// '#' comments to the end of a line, so every field of a hand-built message can be labelled.
/// </summary>
public static partial class Hex
{
    public static byte[] Parse(string annotatedHex)
    {
        var withoutComments = CommentPattern().Replace(annotatedHex, string.Empty);
        var digits = new string(withoutComments.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(digits);
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [GeneratedRegex("#[^\n]*")]
    private static partial Regex CommentPattern();
}
