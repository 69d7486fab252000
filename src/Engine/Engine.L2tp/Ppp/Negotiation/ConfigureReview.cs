using System;
using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Ppp.Negotiation;

/// <summary>
/// The verdict on one received Configure-Request, option by option: what to Nak (with the value we
/// want), what to Reject, and hints for options the peer did not send (RFC 1661 section 5.3:
/// "Options which are not included in the Configure-Request MAY be appended to the Configure-Nak").
/// Buffers are reused between requests and grow only as far as the requests need (a few dozen
/// bytes for LCP and IPCP), up to 1500: two automatons per session, each with three buffers, would
/// otherwise hold 9 KB per session for its whole life on a gateway of thousands.
/// </summary>
internal sealed class ConfigureReview
{
    private const int Capacity = 1500;
    private const int InitialCapacity = 64;
    private byte[] rejects = [];
    private byte[] naks = [];
    private byte[] nakedOriginals = [];
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

    public void Reject(PppOption option) => Append(ref rejects, ref rejectLength, option.Raw);

    /// <summary>Naks a received option, suggesting <paramref name="suggestedValue"/> instead.</summary>
    public void Nak(PppOption option, ReadOnlySpan<byte> suggestedValue)
    {
        AppendOption(ref naks, ref nakLength, option.Type, suggestedValue);
        Append(ref nakedOriginals, ref nakedOriginalLength, option.Raw);
    }

    /// <summary>Asks the peer to include an option it did not send; only sent in a Configure-Nak.</summary>
    public void Suggest(byte type, ReadOnlySpan<byte> value) => AppendOption(ref naks, ref nakLength, type, value);

    private void AppendOption(ref byte[] buffer, ref int length, byte type, ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue - 2 || !EnsureRoom(ref buffer, length, 2 + value.Length))
        {
            overflow = true;
            return;
        }

        buffer[length] = type;
        buffer[length + 1] = (byte)(value.Length + 2);
        value.CopyTo(buffer.AsSpan(length + 2));
        length += 2 + value.Length;
    }

    private void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> raw)
    {
        if (!EnsureRoom(ref buffer, length, raw.Length))
        {
            overflow = true;
            return;
        }

        raw.CopyTo(buffer.AsSpan(length));
        length += raw.Length;
    }

    /// <summary>Grows <paramref name="buffer"/> (doubling, at most <see cref="Capacity"/>) so that <paramref name="needed"/> more bytes fit after <paramref name="length"/>.</summary>
    private static bool EnsureRoom(ref byte[] buffer, int length, int needed)
    {
        var total = length + needed;
        if (total > Capacity)
        {
            return false;
        }

        if (total > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Min(Capacity, Math.Max(total, Math.Max(InitialCapacity, buffer.Length * 2))));
        }

        return true;
    }
}
