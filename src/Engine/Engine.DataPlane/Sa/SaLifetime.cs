using System;

namespace Engine.DataPlane.Sa;

/// <summary>
/// One lifetime limit of an SA (RFC 4301 section 4.4.2.1): time since the SA was added, payload
/// bytes and packets through it. Whichever is reached first counts; zero means no limit of that
/// kind. An SA has a soft lifetime (time to rekey) and a hard one (the SA stops working).
/// </summary>
/// <param name="Time">Time after <c>AddSa</c>; <see cref="TimeSpan.Zero"/> for none.</param>
/// <param name="Bytes">Inner (plaintext) bytes protected; 0 for none. IKEv1's kilobyte lifetimes are × 1024.</param>
/// <param name="Packets">Packets protected; 0 for none.</param>
public readonly record struct SaLifetime(TimeSpan Time, ulong Bytes = 0, ulong Packets = 0)
{
    /// <summary>No limit at all.</summary>
    public static SaLifetime Unlimited => default;

    /// <summary>A lifetime in time only.</summary>
    public static SaLifetime FromTime(TimeSpan time) => new(time);

    internal bool HasTime => Time > TimeSpan.Zero;
}
