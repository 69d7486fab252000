using System;

namespace Engine.L2tp.Ppp.Framing;

/// <summary>
/// Walks the options of a Configure-Request/Ack/Nak/Reject. Stops with <see cref="Error"/> set at
/// the first option whose Length is impossible; never reads past the span.
/// </summary>
public ref struct PppOptionReader
{
    private ReadOnlySpan<byte> remaining;

    public PppOptionReader(ReadOnlySpan<byte> options)
    {
        remaining = options;
        Error = PppFormatError.None;
    }

    public PppFormatError Error { get; private set; }

    public bool TryReadNext(out PppOption option)
    {
        option = default;
        if (remaining.IsEmpty || Error != PppFormatError.None)
        {
            return false;
        }

        if (remaining.Length < 2)
        {
            Error = PppFormatError.Truncated;
            return false;
        }

        int length = remaining[1];
        if (length < 2)
        {
            Error = PppFormatError.BadOptionLength;
            return false;
        }

        if (length > remaining.Length)
        {
            Error = PppFormatError.Truncated;
            return false;
        }

        option = new PppOption(remaining[..length]);
        remaining = remaining[length..];
        return true;
    }

    /// <summary>True when every option in the list is well formed.</summary>
    public static bool Validate(ReadOnlySpan<byte> options, out PppFormatError error)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out _))
        {
        }

        error = reader.Error;
        return error == PppFormatError.None;
    }

    /// <summary>True when <paramref name="option"/> occurs byte for byte in <paramref name="options"/>.</summary>
    public static bool Contains(ReadOnlySpan<byte> options, ReadOnlySpan<byte> option)
    {
        var reader = new PppOptionReader(options);
        while (reader.TryReadNext(out var candidate))
        {
            if (candidate.Raw.SequenceEqual(option))
            {
                return true;
            }
        }

        return false;
    }
}
