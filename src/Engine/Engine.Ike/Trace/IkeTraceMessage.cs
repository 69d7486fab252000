using System.Runtime.CompilerServices;
using Engine.Ike.Sa;

namespace Engine.Ike.Trace;

/// <summary>
/// A trace line written as an interpolated string that is only formatted when the trace is on:
/// the host always attaches its trace file, which is off unless IkeLogging is set, and formatting
/// every line of every message for nothing was a measurable part of each SA's setup.
/// </summary>
[InterpolatedStringHandler]
internal ref struct IkeTraceMessage
{
    private DefaultInterpolatedStringHandler text;

    public IkeTraceMessage(int literalLength, int formattedCount, IkeTracer tracer, IkeTraceCategory category, out bool enabled)
    {
        enabled = IsEnabled = tracer.IsEnabled(category);
        text = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public IkeTraceMessage(int literalLength, int formattedCount, IkeSa sa, IkeTraceCategory category, out bool enabled)
        : this(literalLength, formattedCount, sa.Context.Tracer, category, out enabled)
    {
    }

    public bool IsEnabled { get; }

    public void AppendLiteral(string value) => text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => text.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => text.AppendFormatted(value, alignment);

    public void AppendFormatted(ReadOnlySpan<char> value) => text.AppendFormatted(value);

    public void AppendFormatted(string? value) => text.AppendFormatted(value);

    public string ToStringAndClear() => text.ToStringAndClear();
}
