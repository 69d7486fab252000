using System;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>
/// The verdict on one received Configure-Request, option by option: what to Nak (with the value we
/// want), what to Reject, and hints for options the peer did not send (RFC 1661 section 5.3:
/// "Options which are not included in the Configure-Request MAY be appended to the Configure-Nak").
/// Buffers are reused between requests.
/// </summary>
internal sealed class ConfigureReview
{
    private const int Capacity = 1500;
    private readonly byte[] rejects = new byte[Capacity];
    private readonly byte[] naks = new byte[Capacity];
    private readonly byte[] nakedOriginals = new byte[Capacity];
    private int rejectLength;
    private int nakLength;
    private int nakedOriginalLength;
    private bool overflow;

    public bool HasRejects => rejectLength > 0 || overflow;

    public bool HasNaks => nakLength > 0;

    public ReadOnlySpan<byte> Rejects => rejects.AsSpan(0, rejectLength);

    public ReadOnlySpan<byte> Naks => naks.AsSpan(0, nakLength);

    /// <summary>The peer's own options that were naked, as sent: what Max-Failure turns into a Reject.</summary>
    public ReadOnlySpan<byte> NakedOriginals => nakedOriginals.AsSpan(0, nakedOriginalLength);

    public void Clear()
    {
        rejectLength = 0;
        nakLength = 0;
        nakedOriginalLength = 0;
        overflow = false;
    }

    public void Reject(PppOption option) => Append(rejects, ref rejectLength, option.Raw);

    /// <summary>Naks a received option, suggesting <paramref name="suggestedValue"/> instead.</summary>
    public void Nak(PppOption option, ReadOnlySpan<byte> suggestedValue)
    {
        AppendOption(naks, ref nakLength, option.Type, suggestedValue);
        Append(nakedOriginals, ref nakedOriginalLength, option.Raw);
    }

    /// <summary>Asks the peer to include an option it did not send; only sent in a Configure-Nak.</summary>
    public void Suggest(byte type, ReadOnlySpan<byte> value) => AppendOption(naks, ref nakLength, type, value);

    private void AppendOption(byte[] buffer, ref int length, byte type, ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue - 2 || length + 2 + value.Length > buffer.Length)
        {
            overflow = true;
            return;
        }

        buffer[length] = type;
        buffer[length + 1] = (byte)(value.Length + 2);
        value.CopyTo(buffer.AsSpan(length + 2));
        length += 2 + value.Length;
    }

    private void Append(byte[] buffer, ref int length, ReadOnlySpan<byte> raw)
    {
        if (length + raw.Length > buffer.Length)
        {
            overflow = true;
            return;
        }

        raw.CopyTo(buffer.AsSpan(length));
        length += raw.Length;
    }
}
