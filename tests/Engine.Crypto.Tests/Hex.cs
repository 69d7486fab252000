using System;
using System.Linq;

namespace Engine.Crypto.Tests;

/// <summary>Hex as the RFCs print it: any case, with spaces or line breaks between groups.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(new string(hex.Where(c => !char.IsWhiteSpace(c)).ToArray()));

    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    public static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    public static string String(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
