using System;

namespace IpSecPolicy.Model.Json;

/// <summary>A text that is not JSON, with where reading stopped. Turned into the caller's own error id.</summary>
internal sealed class MalformedJsonException : Exception
{
    public MalformedJsonException(string path, int line, int column, string reason)
        : base($"{path} (line {line}, column {column}): {reason}")
    {
        Path = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string Path { get; }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }
}
