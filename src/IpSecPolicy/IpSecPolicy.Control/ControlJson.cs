using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IpSecPolicy.Control;

/// <summary>
/// The JSON options both ends use: camelCase names, enums as strings, one line per message. Text
/// is escaped only where JSON requires it (no "\u0027" for a quote): the lines are read by people
/// too, in the audit trail, and never embedded in HTML.
/// </summary>
public static class ControlJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
