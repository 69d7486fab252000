namespace Engine.DataPlane.Tests.Support;

/// <summary>Hex as RFCs print it (any case, spaces and line breaks between groups).</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(new string(hex.Where(c => !char.IsWhiteSpace(c)).ToArray()));

    public static string String(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
