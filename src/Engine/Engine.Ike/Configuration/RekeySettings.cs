namespace Engine.Ike.Configuration;

/// <summary>
/// When an SA is renewed before it expires (strongSwan's rekey margin and fuzz). The soft
/// lifetime is the hard lifetime less <see cref="MarginFraction"/> of it, less a random share of
/// up to <see cref="JitterFraction"/> so that two peers do not rekey at the same moment. The side
/// that did not start the SA uses half the margin, so the original initiator normally rekeys.
/// </summary>
public sealed class RekeySettings
{
    public bool Enabled { get; init; } = true;

    public double MarginFraction { get; init; } = 0.1;

    public double JitterFraction { get; init; } = 0.05;

    /// <summary>How long the old SA stays installed after its replacement is in, for packets in flight.</summary>
    public TimeSpan OverlapAfterRekey { get; init; } = TimeSpan.FromSeconds(10);
}
