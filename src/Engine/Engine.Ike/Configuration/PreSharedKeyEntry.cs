using Engine.Ike.Selectors;

namespace Engine.Ike.Configuration;

/// <summary>
/// A pre-shared key and the peer addresses it is for (a tunnel endpoint, a host, a subnet, any).
/// <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class PreSharedKeyEntry
{
    private readonly byte[] key;

    public PreSharedKeyEntry(TrafficSelector peers, ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("A pre-shared key cannot be empty.", nameof(key));
        }

        Peers = peers;
        this.key = key.ToArray();
    }

    public TrafficSelector Peers { get; }

    public ReadOnlyMemory<byte> Key => key;

    /// <summary>The key as Windows and strongSwan take a typed one: its UTF-8 bytes.</summary>
    public static PreSharedKeyEntry FromText(TrafficSelector peers, string key) =>
        new(peers, System.Text.Encoding.UTF8.GetBytes(key));

    public override string ToString() => $"pre-shared key for {Peers}";
}
