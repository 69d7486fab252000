using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Engine.Crypto.Tests;

/// <summary>Reads the JSON that the scripts in vectors/ generate (copied next to the test assembly).</summary>
internal static class GoldenFile
{
    public static IReadOnlyList<JsonElement> Cases(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    public static byte[] Bytes(this JsonElement element, string name) => Convert.FromHexString(element.GetProperty(name).GetString()!);
}
