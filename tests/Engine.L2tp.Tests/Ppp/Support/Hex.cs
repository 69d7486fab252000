namespace Engine.L2tp.Tests.Ppp.Support;

internal static class Hex
{
    /// <summary>Parses hex with any spaces, as RFCs print it.</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty).Replace("\n", string.Empty));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
