using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpSecPolicy.Control;

/// <summary>The JSON options both ends use: camelCase names, enums as strings, one line per message.</summary>
public static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
