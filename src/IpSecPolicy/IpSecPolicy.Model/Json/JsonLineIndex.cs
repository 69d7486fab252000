using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IpSecPolicy.Model.Json;

/// <summary>
/// Where each value of a JSON text starts: JSON path (<c>$.policy.rules[0].filterList</c>, the
/// spelling System.Text.Json uses in its exceptions) to 1-based line. Lets an error found after
/// parsing (a missing reference, a validation error) name the line an administrator has to fix.
/// Building it also finds malformed JSON, with the path and line where reading stopped.
/// </summary>
internal sealed class JsonLineIndex
{
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Regex QuotedCharacter = new(@"^'[^']{1,8}'", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, int> lines;

    private JsonLineIndex(Dictionary<string, int> lines) => this.lines = lines;

    /// <summary>Indexes <paramref name="utf8"/> (without a byte order mark).</summary>
    /// <exception cref="MalformedJsonException">The text is not JSON.</exception>
    public static JsonLineIndex Build(ReadOnlySpan<byte> utf8)
    {
        var newlines = new List<long>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                var line = LineAt(newlines, reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[frames.Count - 1].Property = reader.GetString();
                        Record(found, PathOf(frames), line);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        if (frames.Count > 0 && frames[frames.Count - 1].IsArray)
                        {
                            frames[frames.Count - 1].Index++;
                        }

                        Record(found, PathOf(frames), line);
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            frames.Add(new Frame { IsArray = reader.TokenType == JsonTokenType.StartArray });
                        }

                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new MalformedJsonException(PathOf(frames), (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, Reason(e));
        }

        if (found.Count == 0)
        {
            throw new MalformedJsonException("$", 1, 1, "The text is empty; a JSON document was expected.");
        }

        return new JsonLineIndex(found);
    }

    /// <summary>Indexes a UTF-8 file's bytes, skipping a byte order mark.</summary>
    public static JsonLineIndex Build(byte[] utf8) => Build(WithoutByteOrderMark(utf8));

    public static ReadOnlySpan<byte> WithoutByteOrderMark(byte[] utf8) =>
        utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? utf8.AsSpan(3) : utf8.AsSpan();

    /// <summary>The line of <paramref name="path"/>, else of its nearest indexed ancestor, else 1.</summary>
    public int LineOf(string? path)
    {
        var current = string.IsNullOrEmpty(path) ? "$" : path!;
        while (true)
        {
            if (lines.TryGetValue(current, out var line))
            {
                return line;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return 1;
            }

            current = current.Substring(0, cut);
        }
    }

    /// <summary>The path of property <paramref name="name"/> under <paramref name="parent"/>, spelled as System.Text.Json does.</summary>
    public static string Child(string parent, string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '$'))
            {
                return $"{parent}['{name.Replace("'", "\\'")}']";
            }
        }

        return $"{parent}.{name}";
    }

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>
    /// A reader's message without the position it appends (the caller reports it its own way) and
    /// without the offending character it quotes: that character may belong to a pre-shared key.
    /// </summary>
    public static string Reason(JsonException e)
    {
        var message = QuotedCharacter.Replace(e.Message, "The character");
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position < 0)
        {
            position = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return (position > 0 ? message.Substring(0, position) : message).Trim();
    }

    private static void Record(Dictionary<string, int> found, string path, int line)
    {
        if (!found.ContainsKey(path))
        {
            found.Add(path, line);
        }
    }

    private static int LineAt(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.IsArray)
            {
                if (frame.Index >= 0)
                {
                    path.Append('[').Append(frame.Index).Append(']');
                }
            }
            else if (frame.Property is not null)
            {
                var child = Child(string.Empty, frame.Property);
                path.Append(child);
            }
        }

        return path.ToString();
    }

    private sealed class Frame
    {
        public bool IsArray;
        public int Index = -1;
        public string? Property;
    }
}
