using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Json;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Validation;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Store;

/// <summary>
/// The text of the user file (<c>vpn-users.json</c>, described in docs/vpn-gateway.md, "The user
/// database"). Reading accepts that format and nothing else: anything else is StoreCorrupt with
/// the JSON path, the line and the reason. The file holds passwords, so no message quotes its text
/// (only user names and addresses, after they were read as such), and a JSON path is reported
/// only as far as it consists of the format's own property names.
/// </summary>
internal static class VpnUserFile
{
    private const string FormatVersionProperty = "formatVersion";
    private const string UsersProperty = "users";

    private static readonly string[] RootProperties = { FormatVersionProperty, UsersProperty };

    private static readonly string[] UserProperties = { "name", "password", "enabled", "staticAddress", "description", "passwordLastSet", "lastModified" };

    private static readonly Regex KnownPath = new(
        $@"^\$(\.{FormatVersionProperty}|\.{UsersProperty}(\[\d+\](\.({string.Join("|", UserProperties)})\b)?)?)?",
        RegexOptions.CultureInvariant);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Names and descriptions stay readable (ü, not \u00FC) for an administrator looking at the
        // file; it is never embedded in HTML, which is all the stricter default escaping guards.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's text for <paramref name="database"/>; every user must hold its password's value.</summary>
    public static string Write(VpnUserDatabase database)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber(FormatVersionProperty, VpnUserDatabase.CurrentFormatVersion);
            writer.WriteStartArray(UsersProperty);
            foreach (var user in database.Users)
            {
                writer.WriteStartObject();
                writer.WriteString("name", user.Name);
                writer.WriteString("password", user.Password.Reveal());
                writer.WriteBoolean("enabled", user.Enabled);
                if (user.StaticAddress is not null)
                {
                    writer.WriteString("staticAddress", user.StaticAddress.ToString());
                }

                if (user.Description is not null)
                {
                    writer.WriteString("description", user.Description);
                }

                if (user.PasswordLastSet is { } passwordLastSet)
                {
                    writer.WriteString("passwordLastSet", passwordLastSet);
                }

                if (user.LastModified is { } lastModified)
                {
                    writer.WriteString("lastModified", lastModified);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new UTF8Encoding(false).GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The users the file holds, each with its password's value.</summary>
    /// <exception cref="PolicyException">StoreCorrupt: the text is not a valid user file.</exception>
    public static VpnUserDatabase Parse(byte[] bytes, string filePath)
    {
        JsonLineIndex lines;
        try
        {
            lines = JsonLineIndex.Build(bytes);
        }
        catch (MalformedJsonException e)
        {
            throw Corrupt(filePath, KnownPath.Match(e.Path).Value, e.Line, e.Reason);
        }

        var start = bytes.Length - JsonLineIndex.WithoutByteOrderMark(bytes).Length;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, start, bytes.Length - start), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw Corrupt(filePath, "$", (int)(e.LineNumber ?? 0) + 1, JsonLineIndex.Reason(e));
        }

        using (json)
        {
            return new Reader(filePath, lines).Database(json.RootElement);
        }
    }

    private static PolicyException Corrupt(string filePath, string path, int line, string reason) =>
        new(ErrorIds.StoreCorrupt, PolicyErrorCategory.InvalidData,
            $"The user file '{filePath}' is not valid at {(path.Length == 0 ? "$" : path)} (line {line}): {reason}", filePath);

    /// <summary>Walks the parsed file; every refusal names a path built from the format's own names.</summary>
    private sealed class Reader
    {
        private readonly string filePath;
        private readonly JsonLineIndex lines;

        public Reader(string filePath, JsonLineIndex lines)
        {
            this.filePath = filePath;
            this.lines = lines;
        }

        public VpnUserDatabase Database(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Problem("$", "The file must hold one JSON object with formatVersion and users.");
            }

            var database = new VpnUserDatabase();
            var properties = Properties(root, "$", RootProperties);
            if (!properties.TryGetValue(FormatVersionProperty, out var version))
            {
                throw Problem("$.formatVersion", "a value is missing.");
            }

            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
            {
                throw Problem("$.formatVersion", "must be a whole number, 1 or more.");
            }

            if (number > VpnUserDatabase.CurrentFormatVersion)
            {
                throw Problem("$.formatVersion", $"the format is {number}, newer than this module reads ({VpnUserDatabase.CurrentFormatVersion}).");
            }

            if (!properties.TryGetValue(UsersProperty, out var users) || users.ValueKind == JsonValueKind.Null)
            {
                throw Problem("$.users", "a value is missing or null.");
            }

            if (users.ValueKind != JsonValueKind.Array)
            {
                throw Problem("$.users", "must be an array of users.");
            }

            var index = 0;
            foreach (var element in users.EnumerateArray())
            {
                database.Users.Add(User(element, $"$.users[{index++}]"));
            }

            var violation = VpnUserRules.FirstViolation(database.Users, requirePasswords: true);
            if (violation is { } found)
            {
                throw Problem($"$.users[{found.Index}].{found.Property}", found.Error.Message);
            }

            return database;
        }

        private VpnUser User(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Problem(path, "a user must be a JSON object.");
            }

            var properties = Properties(element, path, UserProperties);
            var user = new VpnUser
            {
                Name = RequiredString(properties, path, "name").Trim(),
                Password = new Secret(RequiredString(properties, path, "password")),
            };

            if (properties.TryGetValue("enabled", out var enabled))
            {
                user.Enabled = enabled.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Problem(path + ".enabled", "must be true or false."),
                };
            }

            if (properties.TryGetValue("staticAddress", out var address) && address.ValueKind != JsonValueKind.Null)
            {
                // The reason does not quote the value: in a damaged file it may be anything.
                user.StaticAddress = address.ValueKind == JsonValueKind.String && FilterAddress.TryParseIp(address.GetString()!, out var parsed)
                    ? parsed
                    : throw Problem(path + ".staticAddress", "must be an IPv4 address such as 192.168.50.20, or null.");
            }

            if (properties.TryGetValue("description", out var description) && description.ValueKind != JsonValueKind.Null)
            {
                user.Description = description.ValueKind == JsonValueKind.String
                    ? description.GetString()
                    : throw Problem(path + ".description", "must be a string or null.");
            }

            user.PasswordLastSet = Date(properties, path, "passwordLastSet");
            user.LastModified = Date(properties, path, "lastModified");
            return user;
        }

        private string RequiredString(Dictionary<string, JsonElement> properties, string path, string name)
        {
            if (!properties.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw Problem($"{path}.{name}", "a value is missing or null.");
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Problem($"{path}.{name}", "must be a string.");
        }

        private DateTimeOffset? Date(Dictionary<string, JsonElement> properties, string path, string name)
        {
            if (!properties.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var date)
                ? date
                : throw Problem($"{path}.{name}", "must be a date and time in ISO 8601 form, such as 2025-01-31T09:00:00+00:00, or null.");
        }

        /// <summary>
        /// An object's properties by name. An unknown or repeated property is refused: a misspelt
        /// "staticAdress" must not silently hand the user a pool address. The message names the
        /// object and the line, not the property: in a damaged file a property name may be a password.
        /// </summary>
        private Dictionary<string, JsonElement> Properties(JsonElement element, string path, string[] known)
        {
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var line = lines.LineOf(JsonLineIndex.Child(path, property.Name));
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Corrupt(filePath, path, line, $"a property that is not part of the format (it may hold: {string.Join(", ", known)}; names are case-sensitive).");
                }

                if (properties.ContainsKey(property.Name))
                {
                    throw Corrupt(filePath, JsonLineIndex.Child(path, property.Name), line, "the property appears twice.");
                }

                properties.Add(property.Name, property.Value);
            }

            return properties;
        }

        private PolicyException Problem(string path, string reason) => Corrupt(filePath, path, lines.LineOf(path), reason);
    }
}
