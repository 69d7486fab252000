namespace Engine.Ike.Configuration;

/// <summary>
/// Engine-wide IKE settings that are not part of an IPsec policy: timers, NAT-T, trace detail.
/// The defaults are strongSwan's where Windows documents none.
/// </summary>
public sealed class IkeEngineOptions
{
    public RetransmissionSettings Retransmission { get; init; } = new();

    /// <summary>A negotiation we answer that does not finish within this time is dropped (strongSwan's half_open_timeout).</summary>
    public TimeSpan HalfOpenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public DeadPeerDetectionSettings DeadPeerDetection { get; init; } = new();

    public RekeySettings Rekey { get; init; } = new();

    public NatTraversalSettings NatTraversal { get; init; } = new();

    /// <summary>Bytes of our nonces (RFC 2409 allows 8-256; strongSwan sends 32).</summary>
    public int NonceSize { get; init; } = 32;

    /// <summary>Anti-replay window given to inbound SAs.</summary>
    public int ReplayWindow { get; init; } = 64;

    /// <summary>
    /// The explicit opt-in for key material (SKEYID*, g^xy, KEYMAT) in the IKE trace. Off, no key
    /// ever leaves the engine except through <see cref="Kernel.IKernelIpsec.AddSa"/>.
    /// </summary>
    public bool TraceIncludesKeys { get; init; }
}
