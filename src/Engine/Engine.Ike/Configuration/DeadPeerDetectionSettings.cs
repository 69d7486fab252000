namespace Engine.Ike.Configuration;

/// <summary>
/// RFC 3706 dead peer detection: after <see cref="Delay"/> without anything from a peer that
/// announced DPD, send R-U-THERE; without an ACK, send a new one (next sequence number) every
/// <see cref="RetryInterval"/>; after <see cref="Retries"/> unanswered retries the peer is dead
/// and its SAs are removed.
/// </summary>
public sealed class DeadPeerDetectionSettings
{
    public bool Enabled { get; init; } = true;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int Retries { get; init; } = 5;
}
