using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// One value of a policy document with its JSON path: typed getters that refuse, with path and
/// line, what the format does not allow (unknown or repeated properties, wrong types, values out
/// of range, text the model cannot parse).
/// </summary>
internal sealed class DocumentNode
{
    private readonly DocumentScope scope;

    public DocumentNode(DocumentScope scope, JsonElement element, string path)
    {
        this.scope = scope;
        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    /// <summary>Requires an object with only <paramref name="known"/> properties, each at most once.</summary>
    public DocumentNode Object(params string[] known)
    {
        Expect(JsonValueKind.Object, "an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in Element.EnumerateObject())
        {
            var path = JsonLineIndex.Child(Path, property.Name);
            if (!seen.Add(property.Name))
            {
                throw scope.Fail(path, $"The property '{property.Name}' appears twice.");
            }

            if (Array.IndexOf(known, property.Name) < 0)
            {
                var hint = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                throw scope.Fail(path, hint is not null
                    ? $"Unknown property '{property.Name}'; property names are case-sensitive: write '{hint}'."
                    : $"Unknown property '{property.Name}'. Allowed here: {string.Join(", ", known.Where(k => k != "$schema"))}.");
            }
        }

        return this;
    }

    public DocumentNode? Optional(string name) =>
        Element.TryGetProperty(name, out var value) ? new DocumentNode(scope, value, JsonLineIndex.Child(Path, name)) : null;

    public DocumentNode Required(string name) =>
        Optional(name) ?? throw scope.Fail(Path, $"The required property '{name}' is missing.");

    public string String()
    {
        Expect(JsonValueKind.String, "a string");
        return Element.GetString()!;
    }

    public bool Boolean()
    {
        if (Element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw WrongType("true or false");
        }

        return Element.GetBoolean();
    }

    public long Integer(long min, long max)
    {
        Expect(JsonValueKind.Number, "a whole number");
        if (!Element.TryGetInt64(out var value))
        {
            throw Fail($"Expected a whole number, found {Element.GetRawText()}.");
        }

        if (value < min || value > max)
        {
            throw Fail($"{value.ToString(CultureInfo.InvariantCulture)} is out of range {min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>One of the enum's names, spelled exactly (the schema's enum is case-sensitive too).</summary>
    public T Enum<T>()
        where T : struct
    {
        var text = String();
        var names = System.Enum.GetNames(typeof(T));
        if (Array.IndexOf(names, text) < 0)
        {
            throw Fail($"'{text}' is not one of {string.Join(", ", names)}.");
        }

        return (T)System.Enum.Parse(typeof(T), text);
    }

    /// <summary>Text the model parses (an address, a method); its refusal becomes this value's error.</summary>
    public T Parse<T>(Func<string, T> parse)
    {
        var text = String();
        try
        {
            return parse(text);
        }
        catch (PolicyException e)
        {
            throw Fail($"{e.ErrorId}: {e.Message}");
        }
    }

    public IEnumerable<DocumentNode> Items()
    {
        Expect(JsonValueKind.Array, "an array");
        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new DocumentNode(scope, item, JsonLineIndex.Item(Path, index++));
        }
    }

    public PolicyException Fail(string reason, string errorId = ErrorIds.ImportInvalid) => scope.Fail(Path, reason, errorId);

    private void Expect(JsonValueKind kind, string what)
    {
        if (Element.ValueKind != kind)
        {
            throw WrongType(what);
        }
    }

    private PolicyException WrongType(string what)
    {
        var found = Element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
        return Fail($"Expected {what}, found {found}.");
    }
}
