using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// Writes a value as the same text an administrator types (<c>10.0.0.0/8</c>,
/// <c>ESP[AES256,SHA256]:100000k/3600s</c>), so that policy documents read like netsh.
/// A parse failure becomes a JsonException carrying the model's reason.
/// </summary>
internal sealed class TextFormConverter<T> : JsonConverter<T>
{
    private readonly Func<string, T> parse;
    private readonly Func<T, string> format;

    public TextFormConverter(Func<string, T> parse, Func<T, string> format)
    {
        this.parse = parse;
        this.format = format;
    }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, found {reader.TokenType}");
        }

        try
        {
            return parse(reader.GetString()!);
        }
        catch (PolicyException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(format(value));
}
