namespace Engine.Ike.Configuration;

/// <summary>
/// When an unanswered message is sent again: strongSwan's defaults (charon.retransmit_timeout 4 s,
/// retransmit_base 1.8, retransmit_tries 5). Retransmission n (0-based) waits
/// Timeout * Base^n, capped at <see cref="Limit"/>; after <see cref="Tries"/> retransmissions the
/// next timeout gives up: 4, 7.2, 13, 23.3, 42 and 75.6 s, 165 s in all.
/// </summary>
public sealed class RetransmissionSettings
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(4);

    public double Base { get; init; } = 1.8;

    public int Tries { get; init; } = 5;

    /// <summary>Upper bound of one wait; null for none.</summary>
    public TimeSpan? Limit { get; init; }

    /// <summary>How long to wait after the original (n = 0) or the n-th retransmission.</summary>
    public TimeSpan TimeoutAfter(int sent)
    {
        var wait = TimeSpan.FromTicks((long)(Timeout.Ticks * Math.Pow(Base, sent)));
        return Limit is { } limit && wait > limit ? limit : wait;
    }

    /// <summary>From the first send until giving up.</summary>
    public TimeSpan GiveUpAfter => Enumerable.Range(0, Tries + 1).Aggregate(TimeSpan.Zero, (total, n) => total + TimeoutAfter(n));
}
